namespace Witn.Domain;

internal static class DomainMarker;
