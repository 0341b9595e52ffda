using System.Text;

namespace Goals.Data.Migrations;

/// <summary>
/// Splits a SQL script on top-level semicolons, ignoring those inside '...' / E'...' strings,
/// "..." identifiers, $tag$...$tag$ bodies, -- line comments and (nested) /* */ comments.
/// Statements that are only comments/whitespace are dropped.
/// </summary>
public static class SqlStatementSplitter
{
    public static IReadOnlyList<string> Split(string sql)
    {
        var statements = new List<string>();
        var current = new StringBuilder();
        var hasCode = false;
        var i = 0;
        while (i < sql.Length)
        {
            var c = sql[i];
            var next = i + 1 < sql.Length ? sql[i + 1] : '\0';
            int end;
            if (c == '-' && next == '-')
            {
                end = sql.IndexOf('\n', i);
                end = end < 0 ? sql.Length : end;
                current.Append(sql, i, end - i);
                i = end;
                continue;
            }
            if (c == '/' && next == '*')
            {
                end = EndOfBlockComment(sql, i);
            }
            else if (c == '\'')
            {
                var escapes = i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentifierChar(sql[i - 2]));
                end = EndOfQuoted(sql, i, '\'', escapes);
                hasCode = true;
            }
            else if (c == '"')
            {
                end = EndOfQuoted(sql, i, '"', backslashEscapes: false);
                hasCode = true;
            }
            else if (c == '$' && TryDollarTag(sql, i, out var tag))
            {
                var close = sql.IndexOf(tag, i + tag.Length, StringComparison.Ordinal);
                end = close < 0 ? sql.Length : close + tag.Length;
                hasCode = true;
            }
            else if (c == ';')
            {
                if (hasCode)
                {
                    statements.Add(current.ToString().Trim());
                }
                current.Clear();
                hasCode = false;
                i++;
                continue;
            }
            else
            {
                hasCode |= !char.IsWhiteSpace(c);
                end = i + 1;
            }
            current.Append(sql, i, end - i);
            i = end;
        }
        if (hasCode)
        {
            statements.Add(current.ToString().Trim());
        }
        return statements;
    }

    private static int EndOfBlockComment(string sql, int start)
    {
        var depth = 0;
        for (var i = start; i < sql.Length - 1; i++)
        {
            if (sql[i] == '/' && sql[i + 1] == '*')
            {
                depth++;
                i++;
            }
            else if (sql[i] == '*' && sql[i + 1] == '/')
            {
                depth--;
                i++;
                if (depth == 0)
                {
                    return i + 1;
                }
            }
        }
        return sql.Length;
    }

    private static int EndOfQuoted(string sql, int start, char quote, bool backslashEscapes)
    {
        for (var i = start + 1; i < sql.Length; i++)
        {
            if (backslashEscapes && sql[i] == '\\')
            {
                i++;
            }
            else if (sql[i] == quote)
            {
                if (i + 1 < sql.Length && sql[i + 1] == quote)
                {
                    i++;
                }
                else
                {
                    return i + 1;
                }
            }
        }
        return sql.Length;
    }

    private static bool TryDollarTag(string sql, int start, out string tag)
    {
        tag = "";
        if (start > 0 && IsIdentifierChar(sql[start - 1]))
        {
            return false; // e.g. a positional parameter-like "x$1"
        }
        var close = start + 1;
        while (close < sql.Length && (char.IsLetter(sql[close]) || sql[close] == '_' || (close > start + 1 && char.IsDigit(sql[close]))))
        {
            close++;
        }
        if (close >= sql.Length || sql[close] != '$')
        {
            return false;
        }
        tag = sql[start..(close + 1)];
        return true;
    }

    private static bool IsIdentifierChar(char c) => char.IsLetterOrDigit(c) || c == '_';
}
