namespace Witn.Domain.Common;

/// <summary>"did you mean …?" for a misspelt key or name: the closest candidate within a third of its length.</summary>
internal static class Suggestions
{
    /// <summary>"did you mean 'x'? " (with the trailing space, to prefix a hint), or empty when nothing is close.</summary>
    public static string DidYouMean(string text, IEnumerable<string> candidates)
    {
        var best = candidates
            .Select(c => (c, d: Levenshtein(text, c)))
            .Where(x => x.d <= Math.Max(1, x.c.Length / 3))
            .OrderBy(x => x.d)
            .Select(x => x.c)
            .FirstOrDefault();
        return best is null ? string.Empty : $"did you mean '{best}'? ";
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
