namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// One pre-built <c>POST /v1/events</c> body of the ticket workload, for one tenant; <paramref name="SampleTicket"/>
/// names a ticket whose closing event it carries when the body is sampled for the ack-to-state lag.
/// </summary>
public sealed record TicketBody(byte[] Body, int Events, string Tenant, string? SampleTicket);
