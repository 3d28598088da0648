using System.Text.Json;
using System.Text.RegularExpressions;
using Witn.Domain.Definitions;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation.Engine;

internal sealed class CompiledPredicate
{
    private readonly CompiledPath _path;
    private readonly PredicateOperator _op;
    private readonly CompiledLiteral _operand;
    private readonly Regex? _regex;

    public CompiledPredicate(PropertyPredicate predicate)
    {
        _path = new CompiledPath(predicate.Path);
        _op = predicate.Operator;
        _operand = new CompiledLiteral(predicate.Operand);
        _regex = _op == PredicateOperator.Matches ? new Regex(predicate.Operand.Text!, OperatorNames.RegexOptions) : null;
    }

    public static bool All(CompiledPredicate[] predicates, OutcomeEvent e)
    {
        foreach (var p in predicates)
        {
            if (!p.Holds(e))
            {
                return false;
            }
        }

        return true;
    }

    public bool Holds(OutcomeEvent e)
    {
        var v = _path.Resolve(e);
        switch (_op)
        {
            case PredicateOperator.Eq:
                return _operand.EqualTo(v);
            case PredicateOperator.Ne:
                return !_operand.EqualTo(v);
            case PredicateOperator.In:
                return AnyEqual(v);
            case PredicateOperator.NotIn:
                return !AnyEqual(v);
            case PredicateOperator.Gt:
                return _operand.CompareFrom(v) is > 0;
            case PredicateOperator.Gte:
                return _operand.CompareFrom(v) is >= 0;
            case PredicateOperator.Lt:
                return _operand.CompareFrom(v) is < 0;
            case PredicateOperator.Lte:
                return _operand.CompareFrom(v) is <= 0;
            case PredicateOperator.Exists:
                return v.Exists == _operand.Boolean;
            case PredicateOperator.Matches:
                return v.Kind is ResolvedKind.String || (v.Kind == ResolvedKind.Json && v.Json.ValueKind == JsonValueKind.String)
                    ? _regex!.IsMatch(v.AsText()!)
                    : false;
            default:
                return Contains(v);
        }
    }

    private bool AnyEqual(in Resolved v)
    {
        foreach (var item in _operand.Items)
        {
            if (item.EqualTo(v))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Substring of a string (ordinal), or an element of an array.</summary>
    private bool Contains(in Resolved v)
    {
        if (v.Kind == ResolvedKind.Json && v.Json.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in v.Json.EnumerateArray())
            {
                if (_operand.EqualTo(Resolved.Of(item)))
                {
                    return true;
                }
            }

            return false;
        }

        var isText = v.Kind == ResolvedKind.String || (v.Kind == ResolvedKind.Json && v.Json.ValueKind == JsonValueKind.String);
        return isText && _operand.Text is { } needle && v.AsText()!.Contains(needle, StringComparison.Ordinal);
    }
}
