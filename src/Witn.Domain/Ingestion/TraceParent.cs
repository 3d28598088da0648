namespace Witn.Domain.Ingestion;

/// <summary>
/// A W3C Trace Context <c>traceparent</c> value (<c>00-&lt;trace-id&gt;-&lt;parent-id&gt;-&lt;flags&gt;</c>).
/// </summary>
public sealed record TraceParent(string Version, string TraceId, string ParentId, string Flags)
{
    private const int Length = 55; // 2 + 1 + 32 + 1 + 16 + 1 + 2

    /// <summary>The sampled bit of the flags.</summary>
    public bool Sampled => (Convert.ToByte(Flags, 16) & 1) == 1;

    /// <summary>
    /// Parses a header or extension value as the W3C recommendation says: lowercase hex only; version
    /// <c>ff</c> is invalid; version <c>00</c> has exactly 55 characters; a later version may append
    /// <c>-…</c> after the flags, which is ignored. Null for anything else (an all-zero trace or parent id too).
    /// </summary>
    public static TraceParent? Parse(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var s = value.AsSpan().Trim(' ').Trim('\t');
        if (s.Length < Length || s[2] != '-' || s[35] != '-' || s[52] != '-')
        {
            return null;
        }

        var version = s[..2];
        if (!IsLowerHex(version) || version is "ff")
        {
            return null;
        }

        // Version 00 is exactly 55 characters; later versions may carry more, after a dash.
        if (version is "00" ? s.Length != Length : s.Length > Length && s[Length] != '-')
        {
            return null;
        }

        var traceId = s[3..35];
        var parentId = s[36..52];
        var flags = s[53..55];
        if (!IsLowerHex(traceId) || !IsLowerHex(parentId) || !IsLowerHex(flags) || IsAllZero(traceId) || IsAllZero(parentId))
        {
            return null;
        }

        return new TraceParent(version.ToString(), traceId.ToString(), parentId.ToString(), flags.ToString());
    }

    public override string ToString() => $"{Version}-{TraceId}-{ParentId}-{Flags}";

    internal static bool IsLowerHex(ReadOnlySpan<char> s)
    {
        foreach (var c in s)
        {
            if (c is not ((>= '0' and <= '9') or (>= 'a' and <= 'f')))
            {
                return false;
            }
        }

        return true;
    }

    internal static bool IsAllZero(ReadOnlySpan<char> s) => !s.ContainsAnyExcept('0');
}
