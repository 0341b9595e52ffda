using System.Globalization;
using System.Text;

namespace Goals.GraphQL.Language;

public enum TokenKind
{
    Sof, Eof, Bang, Dollar, Amp, ParenL, ParenR, Spread, Colon, Equals, At, BracketL, BracketR, BraceL, Pipe, BraceR,
    Name, Int, Float, String, BlockString, Comment,
}

/// <summary>One lexical token. Value is set for Name, Int, Float, String and BlockString (decoded) tokens only.</summary>
public readonly record struct Token(TokenKind Kind, int Start, int End, int Line, int Column, string? Value)
{
    public static string KindDescription(TokenKind kind) => kind switch
    {
        TokenKind.Sof => "<SOF>",
        TokenKind.Eof => "<EOF>",
        TokenKind.Bang => "\"!\"",
        TokenKind.Dollar => "\"$\"",
        TokenKind.Amp => "\"&\"",
        TokenKind.ParenL => "\"(\"",
        TokenKind.ParenR => "\")\"",
        TokenKind.Spread => "\"...\"",
        TokenKind.Colon => "\":\"",
        TokenKind.Equals => "\"=\"",
        TokenKind.At => "\"@\"",
        TokenKind.BracketL => "\"[\"",
        TokenKind.BracketR => "\"]\"",
        TokenKind.BraceL => "\"{\"",
        TokenKind.Pipe => "\"|\"",
        TokenKind.BraceR => "\"}\"",
        TokenKind.Name => "Name",
        TokenKind.Int => "Int",
        TokenKind.Float => "Float",
        TokenKind.String => "String",
        TokenKind.BlockString => "BlockString",
        _ => "Comment",
    };

    /// <summary>graphql-js getTokenDesc: the kind, then the value in quotes when there is one.</summary>
    public string Description => Value is null ? KindDescription(Kind) : KindDescription(Kind) + " \"" + Value + "\"";
}

/// <summary>
/// GraphQL lexer (spec §2, graphql-js 16 behaviour): works on the source string with an index; comments are skipped.
/// </summary>
public sealed class Lexer
{
    private readonly string _body;
    private int _line = 1;
    private int _lineStart;
    private int _position;
    private Token _lookahead;
    private bool _hasLookahead;

    public Lexer(string source)
    {
        _body = source;
        Token = new Token(TokenKind.Sof, 0, 0, 0, 0, null);
    }

    public string Source => _body;

    /// <summary>The current token.</summary>
    public Token Token { get; private set; }

    /// <summary>The token before the current one (its End closes a node's location).</summary>
    public Token LastToken { get; private set; }

    public Token Advance()
    {
        LastToken = Token;
        Token = Lookahead();
        _hasLookahead = false;
        return Token;
    }

    /// <summary>The token after the current one, without consuming it (comments skipped).</summary>
    public Token Lookahead()
    {
        if (_hasLookahead) return _lookahead;
        if (Token.Kind == TokenKind.Eof) return Token;
        Token next;
        do next = ReadNextToken();
        while (next.Kind == TokenKind.Comment);
        _lookahead = next;
        _hasLookahead = true;
        return next;
    }

    // ---------------------------------------------------------------- reading

    private Token Make(TokenKind kind, int start, int end, string? value = null) =>
        new(kind, start, end, _line, 1 + start - _lineStart, value);

    private Token ReadNextToken()
    {
        var body = _body;
        var length = body.Length;
        var position = _position;
        while (position < length)
        {
            var code = body[position];
            switch (code)
            {
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    ++position;
                    continue;
                case '\n':
                    ++position;
                    _line++;
                    _lineStart = position;
                    continue;
                case '\r':
                    position += position + 1 < length && body[position + 1] == '\n' ? 2 : 1;
                    _line++;
                    _lineStart = position;
                    continue;
                case '#':
                    return Finish(ReadComment(position));
                case '!': return Punct(TokenKind.Bang, position);
                case '$': return Punct(TokenKind.Dollar, position);
                case '&': return Punct(TokenKind.Amp, position);
                case '(': return Punct(TokenKind.ParenL, position);
                case ')': return Punct(TokenKind.ParenR, position);
                case '.':
                    if (position + 2 < length && body[position + 1] == '.' && body[position + 2] == '.')
                    {
                        _position = position + 3;
                        return Make(TokenKind.Spread, position, position + 3);
                    }
                    break;
                case ':': return Punct(TokenKind.Colon, position);
                case '=': return Punct(TokenKind.Equals, position);
                case '@': return Punct(TokenKind.At, position);
                case '[': return Punct(TokenKind.BracketL, position);
                case ']': return Punct(TokenKind.BracketR, position);
                case '{': return Punct(TokenKind.BraceL, position);
                case '|': return Punct(TokenKind.Pipe, position);
                case '}': return Punct(TokenKind.BraceR, position);
                case '"':
                    if (position + 2 < length && body[position + 1] == '"' && body[position + 2] == '"')
                        return ReadBlockString(position);
                    return Finish(ReadString(position));
            }

            if (IsDigit(code) || code == '-') return Finish(ReadNumber(position, code));
            if (IsNameStart(code)) return Finish(ReadName(position));

            throw Error(position,
                code == '\''
                    ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                    : IsUnicodeScalarValue(code) || IsSupplementaryCodePoint(body, position)
                        ? $"Unexpected character: {PrintCodePointAt(position)}."
                        : $"Invalid character: {PrintCodePointAt(position)}.");
        }

        _position = length;
        return Make(TokenKind.Eof, length, length);
    }

    private Token Punct(TokenKind kind, int position)
    {
        _position = position + 1;
        return Make(kind, position, position + 1);
    }

    private Token Finish(Token token)
    {
        _position = token.End;
        return token;
    }

    private Token ReadComment(int start)
    {
        var body = _body;
        var position = start + 1;
        while (position < body.Length)
        {
            var code = body[position];
            if (code is '\n' or '\r') break;
            if (IsUnicodeScalarValue(code)) ++position;
            else if (IsSupplementaryCodePoint(body, position)) position += 2;
            else break;
        }

        return Make(TokenKind.Comment, start, position);
    }

    private Token ReadName(int start)
    {
        var body = _body;
        var position = start + 1;
        while (position < body.Length && IsNameContinue(body[position])) ++position;
        return Make(TokenKind.Name, start, position, NameCache.Get(body, start, position - start));
    }

    private int CharAt(int position) => position < _body.Length ? _body[position] : -1;

    private Token ReadNumber(int start, char firstCode)
    {
        var position = start;
        int code = firstCode;
        var isFloat = false;
        if (code == '-') code = CharAt(++position);
        if (code == '0')
        {
            code = CharAt(++position);
            if (IsDigit(code))
                throw Error(position, $"Invalid number, unexpected digit after 0: {PrintCodePointAt(position)}.");
        }
        else
        {
            position = ReadDigits(position, code);
            code = CharAt(position);
        }

        if (code == '.')
        {
            isFloat = true;
            code = CharAt(++position);
            position = ReadDigits(position, code);
            code = CharAt(position);
        }

        if (code is 'E' or 'e')
        {
            isFloat = true;
            code = CharAt(++position);
            if (code is '+' or '-') code = CharAt(++position);
            position = ReadDigits(position, code);
            code = CharAt(position);
        }

        if (code == '.' || IsNameStart(code))
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(position)}.");

        return Make(isFloat ? TokenKind.Float : TokenKind.Int, start, position, _body.Substring(start, position - start));
    }

    private int ReadDigits(int start, int firstCode)
    {
        if (!IsDigit(firstCode))
            throw Error(start, $"Invalid number, expected digit but got: {PrintCodePointAt(start)}.");
        var body = _body;
        var position = start + 1;
        while (position < body.Length && IsDigit(body[position])) ++position;
        return position;
    }

    private Token ReadString(int start)
    {
        var body = _body;
        var length = body.Length;
        var position = start + 1;
        var chunkStart = position;
        StringBuilder? value = null;
        while (position < length)
        {
            var code = body[position];
            if (code == '"')
            {
                string result;
                if (value is null) result = body.Substring(chunkStart, position - chunkStart);
                else result = value.Append(body, chunkStart, position - chunkStart).ToString();
                return Make(TokenKind.String, start, position + 1, result);
            }

            if (code == '\\')
            {
                value ??= new StringBuilder();
                value.Append(body, chunkStart, position - chunkStart);
                int size;
                if (CharAt(position + 1) == 'u')
                {
                    size = CharAt(position + 2) == '{'
                        ? ReadEscapedUnicodeVariableWidth(position, value)
                        : ReadEscapedUnicodeFixedWidth(position, value);
                }
                else
                {
                    size = ReadEscapedCharacter(position, value);
                }

                position += size;
                chunkStart = position;
                continue;
            }

            if (code is '\n' or '\r') break;
            if (IsUnicodeScalarValue(code)) ++position;
            else if (IsSupplementaryCodePoint(body, position)) position += 2;
            else throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
        }

        throw Error(position, "Unterminated string.");
    }

    private int ReadEscapedUnicodeVariableWidth(int position, StringBuilder value)
    {
        var point = 0;
        var size = 3;
        while (size < 12)
        {
            var code = CharAt(position + size++);
            if (code == '}')
            {
                if (size < 5 || !IsUnicodeScalarValue(point)) break;
                value.Append(char.ConvertFromUtf32(point));
                return size;
            }

            point = (point << 4) | ReadHexDigit(code);
            if (point < 0) break;
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + size)}\".");
    }

    private int ReadEscapedUnicodeFixedWidth(int position, StringBuilder value)
    {
        var code = Read16BitHexCode(position + 2);
        if (IsUnicodeScalarValue(code))
        {
            value.Append((char)code);
            return 6;
        }

        if (code is >= 0xD800 and <= 0xDBFF && CharAt(position + 6) == '\\' && CharAt(position + 7) == 'u')
        {
            var trailing = Read16BitHexCode(position + 8);
            if (trailing is >= 0xDC00 and <= 0xDFFF)
            {
                value.Append((char)code).Append((char)trailing);
                return 12;
            }
        }

        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + 6)}\".");
    }

    private int Read16BitHexCode(int position) =>
        (ReadHexDigit(CharAt(position)) << 12) | (ReadHexDigit(CharAt(position + 1)) << 8) |
        (ReadHexDigit(CharAt(position + 2)) << 4) | ReadHexDigit(CharAt(position + 3));

    private static int ReadHexDigit(int code) => code switch
    {
        >= '0' and <= '9' => code - '0',
        >= 'A' and <= 'F' => code - 'A' + 10,
        >= 'a' and <= 'f' => code - 'a' + 10,
        _ => -1,
    };

    private int ReadEscapedCharacter(int position, StringBuilder value)
    {
        switch (CharAt(position + 1))
        {
            case '"': value.Append('"'); return 2;
            case '\\': value.Append('\\'); return 2;
            case '/': value.Append('/'); return 2;
            case 'b': value.Append('\b'); return 2;
            case 'f': value.Append('\f'); return 2;
            case 'n': value.Append('\n'); return 2;
            case 'r': value.Append('\r'); return 2;
            case 't': value.Append('\t'); return 2;
        }

        throw Error(position, $"Invalid character escape sequence: \"{Slice(position, position + 2)}\".");
    }

    private string Slice(int start, int end) => _body.Substring(start, Math.Min(end, _body.Length) - start);

    private Token ReadBlockString(int start)
    {
        var body = _body;
        var length = body.Length;
        var lineStart = _lineStart;
        var position = start + 3;
        var chunkStart = position;
        var currentLine = new StringBuilder();
        var blockLines = new List<string>();
        while (position < length)
        {
            var code = body[position];
            if (code == '"' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"')
            {
                currentLine.Append(body, chunkStart, position - chunkStart);
                blockLines.Add(currentLine.ToString());
                var token = Make(TokenKind.BlockString, start, position + 3, BlockString.DedentLines(blockLines));
                _line += blockLines.Count - 1;
                _lineStart = lineStart;
                _position = position + 3;
                return token;
            }

            if (code == '\\' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"' && CharAt(position + 3) == '"')
            {
                currentLine.Append(body, chunkStart, position - chunkStart);
                chunkStart = position + 1;
                position += 4;
                continue;
            }

            if (code is '\n' or '\r')
            {
                currentLine.Append(body, chunkStart, position - chunkStart);
                blockLines.Add(currentLine.ToString());
                currentLine.Clear();
                position += code == '\r' && CharAt(position + 1) == '\n' ? 2 : 1;
                chunkStart = position;
                lineStart = position;
                continue;
            }

            if (IsUnicodeScalarValue(code)) ++position;
            else if (IsSupplementaryCodePoint(body, position)) position += 2;
            else throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
        }

        throw Error(position, "Unterminated string.");
    }

    // ---------------------------------------------------------------- helpers

    internal static bool IsDigit(int c) => c is >= '0' and <= '9';
    internal static bool IsNameStart(int c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_';
    internal static bool IsNameContinue(int c) => c is >= 'a' and <= 'z' or >= 'A' and <= 'Z' or >= '0' and <= '9' or '_';

    private static bool IsUnicodeScalarValue(int c) => c is >= 0 and <= 0xD7FF or >= 0xE000 and <= 0x10FFFF;

    private static bool IsSupplementaryCodePoint(string body, int position) =>
        position + 1 < body.Length && char.IsHighSurrogate(body[position]) && char.IsLowSurrogate(body[position + 1]);

    private string PrintCodePointAt(int position)
    {
        if (position >= _body.Length) return "<EOF>";
        int code = _body[position];
        if (IsSupplementaryCodePoint(_body, position)) code = char.ConvertToUtf32(_body[position], _body[position + 1]);
        if (code is >= 0x20 and <= 0x7E) return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
        return "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
    }

    internal GraphQLSyntaxException Error(int position, string description) => SyntaxError(_body, position, description);

    internal static GraphQLSyntaxException SyntaxError(string body, int position, string description)
    {
        var line = 1;
        var lineStart = 0;
        var end = Math.Min(position, body.Length);
        for (var i = 0; i < end; i++)
        {
            var c = body[i];
            if (c == '\n')
            {
                line++;
                lineStart = i + 1;
            }
            else if (c == '\r')
            {
                if (i + 1 < body.Length && body[i + 1] == '\n') i++;
                line++;
                lineStart = i + 1;
            }
        }

        return new GraphQLSyntaxException("Syntax Error: " + description, line, position + 1 - lineStart);
    }
}

/// <summary>Interns short names so repeated field and type names share one string.</summary>
internal static class NameCache
{
    private const int Size = 1024;
    [ThreadStatic] private static string?[]? _entries;

    public static string Get(string body, int start, int length)
    {
        if (length > 32) return body.Substring(start, length);
        var entries = _entries ??= new string?[Size];
        var span = body.AsSpan(start, length);
        var hash = string.GetHashCode(span);
        var slot = hash & (Size - 1);
        var existing = entries[slot];
        if (existing is not null && span.SequenceEqual(existing)) return existing;
        var s = span.ToString();
        entries[slot] = s;
        return s;
    }
}
