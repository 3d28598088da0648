using System.Diagnostics.CodeAnalysis;
using Witn.Domain.Common;

namespace Witn.Domain.Contracts;

/// <summary>
/// Either a contract or every error found in the text (never both); warnings (e.g. a price for an outcome no
/// definition has) do not stop a contract from being valid.
/// </summary>
public sealed record ContractParseResult(Contract? Contract, ValueArray<ContractError> Errors, ValueArray<ContractError> Warnings)
{
    [MemberNotNullWhen(true, nameof(Contract))]
    public bool IsValid => Contract is not null;
}
