using System.Text;

namespace Goals.Api.Tests.Infrastructure;

/// <summary>
/// Deterministic malformed GraphQL-over-HTTP requests: valid request bodies mutated 1..3 times (byte flips, stray
/// high/control bytes, truncation, lone-surrogate escapes, spliced JSON fragments, wrong types), sent as POST bodies or,
/// percent-encoded, as GET query strings.
/// </summary>
public static class MalformedRequests
{
    public sealed record Request(bool IsGet, string QueryString, byte[] Body);

    private static readonly string[] Seeds =
    [
        "{\"query\":\"{ __typename }\"}",
        "{\"query\":\"query Q($n: String!) { __type(name: $n) { name kind } }\",\"variables\":{\"n\":\"Goal\"},\"operationName\":\"Q\"}",
        "{\"query\":\"{ goals { id title tasks { information } } }\",\"extensions\":{\"persistedQuery\":{\"version\":1}}}",
        "{\"query\":\"mutation($i: CreateGoalInput!) { createGoal(input: $i) { goal { id } } }\",\"variables\":{\"i\":{\"title\":\"Ünïcødé 🎉\",\"goalType\":\"CAREER\",\"color\":\"#1A2B3C\"}}}",
        "{\"query\":\"{ goalsConnection(first: 5, after: \\\"abc\\\") { edges { cursor } } }\",\"variables\":null,\"extensions\":null}",
    ];

    private static readonly string[] Fragments =
    [
        "\\ud800", "\\udfff", "\\ud83d", "\\ude00\\ud83d", "\\u0000", "\\x41", "\\", "\"", "{", "}", "[", "]", ":", ",", "null", "true",
        "1e999999", "-0", "01", "NaN", "/*c*/", "\u00e9", "\ud83c\udf89", "{\"a\":", "[[[[[[[[", "]]]]", "\"query\":1", "\"variables\":[]",
    ];

    public static IEnumerable<Request> Generate(int seed, int count)
    {
        var random = new Random(seed);
        for (var i = 0; i < count; i++)
        {
            var body = Encoding.UTF8.GetBytes(Seeds[random.Next(Seeds.Length)]).ToList();
            var mutations = 1 + random.Next(3);
            for (var m = 0; m < mutations; m++) Mutate(body, random);
            var bytes = body.ToArray();
            yield return random.Next(4) == 0
                ? new Request(true, AsQueryString(bytes, random), [])
                : new Request(false, "", bytes);
        }
    }

    private static void Mutate(List<byte> body, Random random)
    {
        var at = body.Count == 0 ? 0 : random.Next(body.Count);
        switch (random.Next(7))
        {
            case 0: // flip to any byte
                if (body.Count > 0) body[at] = (byte)random.Next(256);
                break;
            case 1: // stray non-ASCII or control bytes: lone continuation, lead without continuation, overlong, surrogate, 0xFF
                byte[][] stray = [[0x80], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF], [0x00], [0x1F]];
                body.InsertRange(at, stray[random.Next(stray.Length)]);
                break;
            case 2: // truncate
                body.RemoveRange(at, body.Count - at);
                break;
            case 3: // splice a fragment in
            case 4:
                body.InsertRange(at, Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                break;
            case 5: // delete a few bytes
                body.RemoveRange(at, Math.Min(body.Count - at, 1 + random.Next(8)));
                break;
            default: // repeat a slice
                var length = Math.Min(body.Count - at, 1 + random.Next(40));
                body.InsertRange(at, body.GetRange(at, length));
                break;
        }
    }

    /// <summary>The mutated JSON's members as GET parameters (or the raw bytes as the query), every byte percent-encoded.</summary>
    private static string AsQueryString(byte[] json, Random random)
    {
        var encoded = string.Concat(json.Select(b => $"%{b:X2}"));
        return random.Next(3) switch
        {
            0 => "query=" + encoded,
            1 => "query=%7B__typename%7D&variables=" + encoded,
            _ => "query=%7B__typename%7D&extensions=" + encoded + "&operationName=" + encoded[..Math.Min(encoded.Length, 30)],
        };
    }
}
