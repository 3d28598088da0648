using Witn.Domain.Ingestion;

namespace Witn.Abstractions.Ingestion;

[RegisterConverter]
public sealed class EnvelopeFailureConverter : IConverter<EnvelopeFailure, EnvelopeFailureSurrogate>
{
    public EnvelopeFailure ConvertFromSurrogate(in EnvelopeFailureSurrogate s) => new(s.Code, s.Path, s.Line, s.Column, s.Problem, s.Hint);

    public EnvelopeFailureSurrogate ConvertToSurrogate(in EnvelopeFailure v) => new(v.Code, v.Path, v.Line, v.Column, v.Problem, v.Hint);
}
