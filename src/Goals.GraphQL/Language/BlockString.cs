using System.Text;

namespace Goals.GraphQL.Language;

/// <summary>Block string helpers (spec BlockStringValue(), graphql-js blockString.ts).</summary>
public static class BlockString
{
    /// <summary>Spec BlockStringValue: removes the common indentation and leading/trailing blank lines.</summary>
    public static string DedentLines(IReadOnlyList<string> lines)
    {
        var commonIndent = int.MaxValue;
        var firstNonEmptyLine = -1;
        var lastNonEmptyLine = -1;
        for (var i = 0; i < lines.Count; ++i)
        {
            var line = lines[i];
            var indent = LeadingWhitespace(line);
            if (indent == line.Length) continue;
            if (firstNonEmptyLine < 0) firstNonEmptyLine = i;
            lastNonEmptyLine = i;
            if (i != 0 && indent < commonIndent) commonIndent = indent;
        }

        if (firstNonEmptyLine < 0) return string.Empty;
        if (firstNonEmptyLine == lastNonEmptyLine && firstNonEmptyLine == 0) return lines[0];
        var sb = new StringBuilder();
        for (var i = firstNonEmptyLine; i <= lastNonEmptyLine; i++)
        {
            if (i > firstNonEmptyLine) sb.Append('\n');
            var line = lines[i];
            if (i == 0) sb.Append(line);
            else if (commonIndent < line.Length) sb.Append(line, commonIndent, line.Length - commonIndent);
        }

        return sb.ToString();
    }

    /// <summary>Splits raw text into lines (\r\n, \n, \r) and dedents it.</summary>
    public static string Dedent(string raw)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (c is not ('\n' or '\r')) continue;
            lines.Add(raw.Substring(start, i - start));
            if (c == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n') i++;
            start = i + 1;
        }

        lines.Add(raw.Substring(start));
        return DedentLines(lines);
    }

    private static int LeadingWhitespace(string s)
    {
        var i = 0;
        while (i < s.Length && s[i] is ' ' or '\t') ++i;
        return i;
    }

    private static bool IsWhiteSpace(string s, int index) => index < s.Length && s[index] is ' ' or '\t';

    /// <summary>graphql-js printBlockString: a block string literal whose BlockStringValue is <paramref name="value"/>.</summary>
    public static string Print(string value, bool minimize = false)
    {
        var escapedValue = value.Replace("\"\"\"", "\\\"\"\"", StringComparison.Ordinal);
        var lines = escapedValue.Split(["\r\n", "\n", "\r"], StringSplitOptions.None);
        var isSingleLine = lines.Length == 1;
        var forceLeadingNewLine = lines.Length > 1;
        for (var i = 1; i < lines.Length && forceLeadingNewLine; i++)
            if (!(lines[i].Length == 0 || IsWhiteSpace(lines[i], 0))) forceLeadingNewLine = false;
        var hasTrailingTripleQuotes = escapedValue.EndsWith("\\\"\"\"", StringComparison.Ordinal);
        var hasTrailingQuote = value.EndsWith('"') && !hasTrailingTripleQuotes;
        var hasTrailingSlash = value.EndsWith('\\');
        var forceTrailingNewline = hasTrailingQuote || hasTrailingSlash;
        var printAsMultipleLines = !minimize &&
            (!isSingleLine || value.Length > 70 || forceTrailingNewline || forceLeadingNewLine || hasTrailingTripleQuotes);
        var sb = new StringBuilder("\"\"\"");
        var skipLeadingNewLine = isSingleLine && IsWhiteSpace(value, 0);
        if ((printAsMultipleLines && !skipLeadingNewLine) || forceLeadingNewLine) sb.Append('\n');
        sb.Append(escapedValue);
        if (printAsMultipleLines || forceTrailingNewline) sb.Append('\n');
        return sb.Append("\"\"\"").ToString();
    }
}
