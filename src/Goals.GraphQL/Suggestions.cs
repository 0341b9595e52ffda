using System.Text;

namespace Goals.GraphQL;

/// <summary>graphql-js suggestionList / didYouMean / naturalCompare.</summary>
internal static class Suggestions
{
    private const int MaxSuggestions = 5;

    public static string DidYouMean(IReadOnlyList<string> suggestions) => DidYouMean(null, suggestions);

    public static string DidYouMean(string? subMessage, IReadOnlyList<string> suggestions)
    {
        if (suggestions.Count == 0) return "";
        var sb = new StringBuilder(" Did you mean ");
        if (subMessage is not null) sb.Append(subMessage).Append(' ');
        switch (suggestions.Count)
        {
            case 1:
                return sb.Append('"').Append(suggestions[0]).Append("\"?").ToString();
            case 2:
                return sb.Append('"').Append(suggestions[0]).Append("\" or \"").Append(suggestions[1]).Append("\"?").ToString();
        }

        var count = Math.Min(suggestions.Count, MaxSuggestions);
        for (var i = 0; i < count - 1; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append('"').Append(suggestions[i]).Append('"');
        }

        return sb.Append(", or \"").Append(suggestions[count - 1]).Append("\"?").ToString();
    }

    public static List<string> SuggestionList(string input, IEnumerable<string> options)
    {
        var byDistance = new List<(string Option, int Distance)>();
        var distance = new LexicalDistance(input);
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var seen = new HashSet<string>();
        foreach (var option in options)
        {
            if (!seen.Add(option)) continue;
            var d = distance.Measure(option, threshold);
            if (d >= 0) byDistance.Add((option, d));
        }

        // Stable sort like Array.prototype.sort.
        var sorted = byDistance
            .Select((x, i) => (x.Option, x.Distance, i))
            .ToList();
        sorted.Sort((a, b) =>
        {
            var diff = a.Distance - b.Distance;
            if (diff != 0) return diff;
            var c = NaturalCompare(a.Option, b.Option);
            return c != 0 ? c : a.i - b.i;
        });
        var result = new List<string>(sorted.Count);
        foreach (var x in sorted) result.Add(x.Option);
        return result;
    }

    public static int NaturalCompare(string a, string b)
    {
        var ai = 0;
        var bi = 0;
        while (ai < a.Length && bi < b.Length)
        {
            int ac = a[ai];
            int bc = b[bi];
            if (IsDigit(ac) && IsDigit(bc))
            {
                long an = 0;
                do
                {
                    ++ai;
                    an = an * 10 + ac - '0';
                    ac = ai < a.Length ? a[ai] : -1;
                }
                while (IsDigit(ac) && an > 0);

                long bn = 0;
                do
                {
                    ++bi;
                    bn = bn * 10 + bc - '0';
                    bc = bi < b.Length ? b[bi] : -1;
                }
                while (IsDigit(bc) && bn > 0);

                if (an < bn) return -1;
                if (an > bn) return 1;
            }
            else
            {
                if (ac < bc) return -1;
                if (ac > bc) return 1;
                ++ai;
                ++bi;
            }
        }

        return a.Length - b.Length;
    }

    private static bool IsDigit(int c) => c is >= '0' and <= '9';

    private sealed class LexicalDistance
    {
        private readonly string _input;
        private readonly string _inputLower;
        private readonly int[][] _rows;

        public LexicalDistance(string input)
        {
            _input = input;
            _inputLower = input.ToLowerInvariant();
            _rows = [new int[input.Length + 1], new int[input.Length + 1], new int[input.Length + 1]];
        }

        /// <summary>Damerau-Levenshtein distance, or -1 when above the threshold.</summary>
        public int Measure(string option, int threshold)
        {
            if (_input == option) return 0;
            var optionLower = option.ToLowerInvariant();
            if (_inputLower == optionLower) return 1;
            var a = optionLower;
            var b = _inputLower;
            if (a.Length < b.Length) (a, b) = (b, a);
            var aLength = a.Length;
            var bLength = b.Length;
            if (aLength - bLength > threshold) return -1;
            var rows = _rows;
            for (var j = 0; j <= bLength; j++) rows[0][j] = j;
            for (var i = 1; i <= aLength; i++)
            {
                var upRow = rows[(i - 1) % 3];
                var currentRow = rows[i % 3];
                var smallestCell = currentRow[0] = i;
                for (var j = 1; j <= bLength; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    var currentCell = Math.Min(Math.Min(upRow[j] + 1, currentRow[j - 1] + 1), upRow[j - 1] + cost);
                    if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                        currentCell = Math.Min(currentCell, rows[(i - 2) % 3][j - 2] + 1);
                    if (currentCell < smallestCell) smallestCell = currentCell;
                    currentRow[j] = currentCell;
                }

                if (smallestCell > threshold) return -1;
            }

            var distance = rows[aLength % 3][bLength];
            return distance <= threshold ? distance : -1;
        }
    }
}
