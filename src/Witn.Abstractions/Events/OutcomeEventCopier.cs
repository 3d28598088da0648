using Orleans.Serialization.Cloning;
using Witn.Domain.Events;

namespace Witn.Abstractions.Events;

/// <summary>An <see cref="OutcomeEvent"/> is immutable (its JSON element is a detached clone): share, don't copy.</summary>
[RegisterCopier]
public sealed class OutcomeEventCopier : IDeepCopier<OutcomeEvent>
{
    public OutcomeEvent? DeepCopy(OutcomeEvent? input, CopyContext context) => input;
}
