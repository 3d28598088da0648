namespace Witn.Benchmarks.Outcomes;

/// <summary>What a <see cref="TicketLoad"/> run did: accepted events, failed requests, when it started and got its last ack.</summary>
public sealed record TicketLoadRun(long AcceptedEvents, long Failed, string? FirstFailure, long Started, long LastAck, double[] RequestLatenciesMs);
