using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Goals.GraphQL.DataLoader;
using Goals.GraphQL.Execution;
using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Differential;

/// <summary>
/// The differential-test schema (tests/graphql-oracle/schema.graphql) with resolvers that mirror
/// tests/graphql-oracle/resolvers.mjs EXACTLY. Change both together and regenerate expectations.json.
/// Data is dictionary-shaped (as read from data.json), so most fields use a dictionary default resolver.
/// </summary>
internal static partial class OracleSchema
{
    public static readonly string[] ObjectTypes =
        ["Query", "Mutation", "Subscription", "Human", "Droid", "Starship", "FriendsConnection", "FriendsEdge", "PageInfo", "Review", "Item"];

    public static readonly string[] AbstractTypes = ["Node", "Character", "Vehicle", "SearchResult"];

    private const double FeetPerMeter = 3.28084;

    public static Schema Build(string sdl)
    {
        var builder = new SchemaBuilder()
            .AddTypeDefinitions(sdl)
            .AddScalar(new DateScalar())
            .AddScalar(new PositiveIntScalar());

        foreach (var type in ObjectTypes) builder.BindDefaultFieldResolver(type, DictionaryResolver);
        foreach (var type in AbstractTypes) builder.BindTypeResolver(type, (value, _) => TypeOf(value));

        foreach (var (type, field, resolver) in Resolvers()) builder.BindField(type, field, resolver);
        return builder.Build();
    }

    /// <summary>graphql-js's defaultFieldResolver over plain objects: source[fieldName], missing gives null.</summary>
    public static ValueTask<object?> DictionaryResolver(IResolverContext ctx) =>
        new(ctx.Source is IReadOnlyDictionary<string, object?> d && d.TryGetValue(ctx.Field.Name, out var v) ? v : null);

    public static string? TypeOf(object value)
    {
        var id = value is IReadOnlyDictionary<string, object?> d && d.TryGetValue("id", out var v) ? v as string : null;
        if (string.IsNullOrEmpty(id)) return null;
        return id[0] switch { '1' => "Human", '2' => "Droid", '3' => "Starship", '4' => "Review", _ => null };
    }

    private static IEnumerable<(string Type, string Field, FieldResolver Resolver)> Resolvers()
    {
        // Query
        yield return ("Query", "hero", Sync((c, s) =>
        {
            var episode = Arg(c, "episode");
            var id = episode is null ? (string)s.Root["defaultHero"]! : (string)Map(s.Root["heroes"])[(string)episode]!;
            return s.CharById(id);
        }));
        yield return ("Query", "human", Sync((c, s) => s.HumanById((string)Arg(c, "id")!)));
        yield return ("Query", "droid", Sync((c, s) => s.DroidById((string)Arg(c, "id")!)));
        yield return ("Query", "character", Sync((c, s) => s.CharById((string)Arg(c, "id")!)));
        yield return ("Query", "node", Sync((c, s) => s.NodeById((string)Arg(c, "id")!)));
        yield return ("Query", "characters", Sync((c, s) => List(Arg(c, "ids")).Select(id => (object?)s.CharById((string)id!)).ToList()));
        yield return ("Query", "findCharacter", Sync((c, s) =>
        {
            var by = Map(Arg(c, "by"));
            if (by.TryGetValue("id", out var id)) return s.CharById((string)id!);
            var name = by.TryGetValue("name", out var n) ? n : null;
            return s.Humans.Concat(s.Droids).FirstOrDefault(r => Equals(r["name"], name));
        }));
        yield return ("Query", "humans", Sync((_, s) => s.Humans));
        yield return ("Query", "droids", Sync((_, s) => s.Droids));
        yield return ("Query", "starship", Sync((c, s) => s.StarshipById((string)Arg(c, "id")!)));
        yield return ("Query", "starships", Sync((_, s) => s.Starships));
        yield return ("Query", "vehicle", Sync((c, s) => s.StarshipById((string)Arg(c, "id")!)));
        yield return ("Query", "search", Sync((c, s) =>
        {
            var limit = Arg(c, "limit");
            if (limit is not null && ToInt(limit) < 0) throw new GraphQLException("limit must not be negative.");
            var text = ((string)Arg(c, "text")!).ToLowerInvariant();
            var all = s.Humans.Concat(s.Droids).Concat(s.Starships)
                .Where(r => ((string)r["name"]!).ToLowerInvariant().Contains(text, StringComparison.Ordinal)).ToList();
            return limit is null ? all : all.Take(ToInt(limit)).ToList();
        }));
        yield return ("Query", "reviews", Sync((c, s) => s.Reviews.Where(r => Equals(r["episode"], Arg(c, "episode"))).ToList()));
        yield return ("Query", "greet", Sync((c, _) =>
            "Hello, " + (Arg(c, "name") is string name ? name : "nobody") + (string)Arg(c, "punctuation")!));
        foreach (var echo in new[] { "echoInt", "echoFloat", "echoString", "echoBoolean", "echoId", "echoEpisode", "echoDate", "echoPositive", "echoList", "echoNonNullList", "echoMatrix" })
            yield return ("Query", echo, Sync((c, _) => Arg(c, "value")));
        yield return ("Query", "echoFilter", Sync((c, _) => c.Arguments.TryGetValue("filter", out var f) ? Canonical(f) : "absent"));
        yield return ("Query", "echoSelector", Sync((c, _) => c.Arguments.TryGetValue("by", out var b) ? Canonical(b) : "absent"));
        yield return ("Query", "matrix", Sync((c, _) =>
        {
            var rows = Arg(c, "rows");
            var cols = Arg(c, "cols");
            if (rows is null || cols is null) return null;
            int r = ToInt(rows), k = ToInt(cols);
            return Range(r).Select(i => (object?)Range(k).Select(j => (object?)(i * k + j)).ToList()).ToList();
        }));
        yield return ("Query", "items", Sync((c, _) => Arg(c, "count") is { } n ? Items(ToInt(n)) : null));
        yield return ("Query", "strictItems", Sync((c, _) => Arg(c, "count") is { } n ? Items(ToInt(n)) : null));
        yield return ("Query", "badInts", Sync((_, _) => new List<object?> { 1, 2.5, 3, "four", 3000000000L }));
        yield return ("Query", "badEnums", Sync((_, _) => new List<object?> { "JEDI", "PHANTOM", 3, "HOLIDAY", "jedi" }));
        yield return ("Query", "badDates", Sync((_, _) => new List<object?> { "2020-01-01", "soon", 20200101 }));
        yield return ("Query", "badStrings", Sync((_, _) =>
            new List<object?> { "x", 5, true, 1.5, new Dictionary<string, object?> { ["a"] = 1 }, new List<object?> { 1 } }));
        yield return ("Query", "badBooleans", Sync((_, _) => new List<object?> { true, 0, 1, "true", 2.5 }));
        yield return ("Query", "badIds", Sync((_, _) => new List<object?> { "a", 7, 7.5, true, 3000000000L }));
        yield return ("Query", "badFloats", Sync((_, _) => new List<object?> { 1, 1.5, "2.5", "x", true, false }));
        yield return ("Query", "errorValue", Sync((_, _) => new GraphQLException("The value is an error.")));
        yield return ("Query", "errorValues", Sync((_, _) => new List<object?> { "a", new GraphQLException("Item 1 is an error."), "c" }));
        yield return ("Query", "stringAsList", Sync((_, _) => "abc"));
        yield return ("Query", "objectAsList", Sync((_, _) => new Dictionary<string, object?> { ["a"] = 1 }));
        yield return ("Query", "stringAsObject", Sync((_, _) => "Luke"));
        yield return ("Query", "badSearch", Sync((_, s) => new List<object?>
        {
            s.HumanById("1000"),
            new Dictionary<string, object?> { ["id"] = "9000", ["name"] = "Mystery" },
            new Dictionary<string, object?> { ["id"] = "4000", ["name"] = "A review" },
        }));
        yield return ("Query", "failing", Sync((_, _) => throw new GraphQLException("failing always fails.")));
        yield return ("Query", "failingNonNull", Sync((_, _) => throw new GraphQLException("failingNonNull always fails.")));
        yield return ("Query", "nullNonNull", Sync((_, _) => null));
        yield return ("Query", "deprecatedField", Sync((_, _) => "still here"));
        yield return ("Query", "counter", Sync((_, s) => s.Counter));

        // Character fields of Human and Droid
        foreach (var type in new[] { "Human", "Droid" })
        {
            yield return (type, "friends", Sync((c, s) => List(Src(c)["friendIds"]).Select(id => (object?)s.CharById((string)id!)).ToList()));
            yield return (type, "friendsConnection", Sync((c, s) => FriendsConnection(Src(c), c, s)));
        }

        yield return ("Human", "height", Sync((c, _) =>
        {
            var height = Src(c)["height"];
            if (height is null) return null;
            var h = ToDouble(height);
            if (Equals(Arg(c, "unit"), "FOOT")) h *= FeetPerMeter;
            if (Arg(c, "precision") is { } p) h = RoundTo(h, ToInt(p));
            return h;
        }));
        yield return ("Human", "starships", Sync((c, s) => List(Src(c)["starshipIds"]).Select(id => (object?)s.StarshipById((string)id!)).ToList()));
        yield return ("Human", "secretBackstory", Sync((_, _) => throw new GraphQLException("secretBackstory is secret.")));
        yield return ("Human", "requiredSecret", Sync((_, _) => throw new GraphQLException("requiredSecret is secret.")));
        // Droid.owner and Starship.pilots go through a DataLoader (results must still equal graphql-js's plain lookups).
        yield return ("Droid", "owner", async c =>
            Src(c)["ownerId"] is string owner && await CharacterLoader(c).LoadAsync(owner) is { } found && TypeOf(found) == "Human" ? found : null);
        yield return ("Starship", "length", Sync((c, _) =>
            Equals(Arg(c, "unit"), "FOOT") ? ToDouble(Src(c)["length"]!) * FeetPerMeter : Src(c)["length"]));
        yield return ("Starship", "pilots", async c =>
        {
            if (Src(c)["pilotIds"] is not { } ids) return null;
            var loader = CharacterLoader(c);
            var loaded = await Task.WhenAll(List(ids).Select(id => loader.LoadAsync((string)id!)));
            return loaded.Select(x => (object?)x).ToList();
        });
        yield return ("Item", "value", Sync((c, _) =>
        {
            var index = ToInt(Src(c)["index"]!);
            if (index % 2 == 1) throw new GraphQLException($"Item {index} has no value.");
            return "value-" + index.ToString(CultureInfo.InvariantCulture);
        }));
        yield return ("Item", "strict", Sync((c, _) =>
        {
            var index = ToInt(Src(c)["index"]!);
            if (index == 2) throw new GraphQLException("Item 2 is strict.");
            return index;
        }));

        // Mutation
        yield return ("Mutation", "createReview", Sync((c, s) =>
        {
            var input = Map(Arg(c, "review"));
            var review = new Dictionary<string, object?>
            {
                ["episode"] = Arg(c, "episode"),
                ["stars"] = input["stars"],
                ["commentary"] = input.TryGetValue("commentary", out var commentary) ? commentary : null,
                ["tags"] = input.TryGetValue("tags", out var tags) ? tags : null,
            };
            s.ReviewList.Add(review);
            return review;
        }));
        yield return ("Mutation", "addFriend", Sync((c, s) =>
        {
            var characterId = (string)Arg(c, "characterId")!;
            var friendId = (string)Arg(c, "friendId")!;
            var character = s.CharById(characterId) ?? throw new GraphQLException($"No character with id \"{characterId}\".");
            _ = s.CharById(friendId) ?? throw new GraphQLException($"No character with id \"{friendId}\".");
            var friends = (List<object?>)character["friendIds"]!;
            if (!friends.Contains(friendId)) friends.Add(friendId);
            return character;
        }));
        yield return ("Mutation", "rename", Sync((c, s) =>
        {
            var name = (string)Arg(c, "name")!;
            if (name.Length == 0) throw new GraphQLException("Name must not be empty.");
            var character = s.CharById((string)Arg(c, "id")!);
            if (character is null) return null;
            character["name"] = name;
            return character;
        }));
        yield return ("Mutation", "incrementCounter", Sync((c, s) =>
        {
            s.Counter += Arg(c, "by") is { } by ? ToInt(by) : 0;
            return s.Counter;
        }));
        yield return ("Mutation", "failNonNull", Sync((_, _) => throw new GraphQLException("failNonNull always fails.")));

        yield return ("Subscription", "reviewAdded", Sync((_, _) => null));
        yield return ("Subscription", "counterChanged", Sync((_, s) => s.Counter));
    }

    private static Dictionary<string, object?> FriendsConnection(IReadOnlyDictionary<string, object?> src, IResolverContext c, OracleState s)
    {
        var all = List(src["friendIds"]).Cast<string>().ToList();
        var first = Arg(c, "first");
        var after = Arg(c, "after");
        if (first is not null && ToInt(first) < 0) throw new GraphQLException("first must not be negative.");
        var start = 0;
        if (after is string cursor)
        {
            var i = all.IndexOf(cursor);
            if (i < 0) throw new GraphQLException($"Unknown cursor \"{cursor}\".");
            start = i + 1;
        }

        var slice = first is null ? all.Skip(start).ToList() : all.Skip(start).Take(ToInt(first)).ToList();
        return new Dictionary<string, object?>
        {
            ["totalCount"] = all.Count,
            ["edges"] = slice.Select(id => (object?)new Dictionary<string, object?> { ["cursor"] = id, ["node"] = s.CharById(id) }).ToList(),
            ["pageInfo"] = new Dictionary<string, object?>
            {
                ["startCursor"] = slice.Count > 0 ? slice[0] : null,
                ["endCursor"] = slice.Count > 0 ? slice[^1] : null,
                ["hasNextPage"] = start + slice.Count < all.Count,
            },
        };
    }

    /// <summary>charById batched per request: one batch per execution level.</summary>
    private static DataLoader<string, Dictionary<string, object?>> CharacterLoader(IResolverContext c)
    {
        var state = (OracleState)c.UserContext!;
        return c.DataLoaders.GetOrAdd<string, Dictionary<string, object?>>("charById", (keys, _) =>
        {
            state.CharacterBatches++;
            IReadOnlyDictionary<string, Dictionary<string, object?>> found = keys.Distinct()
                .Select(k => (Key: k, Value: state.CharById(k)))
                .Where(p => p.Value is not null)
                .ToDictionary(p => p.Key, p => p.Value!);
            return Task.FromResult(found);
        });
    }

    private static List<object?> Items(int count) =>
        Range(count).Select(i => (object?)new Dictionary<string, object?> { ["index"] = i }).ToList();

    /// <summary>0..n-1; empty for n &lt;= 0 (like the JS for-loop).</summary>
    private static IEnumerable<int> Range(int n) => n <= 0 ? [] : Enumerable.Range(0, n);

    /// <summary>JS: Math.floor(value * 10 ** precision + 0.5) / 10 ** precision.</summary>
    private static double RoundTo(double value, int precision)
    {
        var factor = Math.Pow(10, precision);
        return Math.Floor(value * factor + 0.5) / factor;
    }

    private static FieldResolver Sync(Func<IResolverContext, OracleState, object?> body) =>
        ctx => new ValueTask<object?>(body(ctx, (OracleState)ctx.UserContext!));

    private static object? Arg(IResolverContext c, string name) => c.Arguments.TryGetValue(name, out var v) ? v : null;

    private static IReadOnlyDictionary<string, object?> Src(IResolverContext c) => (IReadOnlyDictionary<string, object?>)c.Source!;

    private static IReadOnlyDictionary<string, object?> Map(object? value) => (IReadOnlyDictionary<string, object?>)value!;

    private static IEnumerable<object?> List(object? value) => ((System.Collections.IEnumerable)value!).Cast<object?>();

    internal static int ToInt(object value) => value switch
    {
        int i => i,
        long l => checked((int)l),
        double d => checked((int)d),
        _ => Convert.ToInt32(value, CultureInfo.InvariantCulture),
    };

    internal static double ToDouble(object value) => Convert.ToDouble(value, CultureInfo.InvariantCulture);

    /// <summary>Mirror of canonical() in resolvers.mjs: object keys sorted ordinally, absent fields omitted.</summary>
    public static string Canonical(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value);
        return sb.ToString();

        static void Write(StringBuilder sb, object? value)
        {
            switch (value)
            {
                case null:
                    sb.Append("null");
                    break;
                case string s:
                    Quote(sb, s);
                    break;
                case bool b:
                    sb.Append(b ? "true" : "false");
                    break;
                case int or long or short or byte or double or float or decimal:
                    sb.Append(JsNumber(Convert.ToDouble(value, CultureInfo.InvariantCulture)));
                    break;
                case IReadOnlyDictionary<string, object?> map:
                    sb.Append('{');
                    var firstKey = true;
                    foreach (var key in map.Keys.OrderBy(k => k, StringComparer.Ordinal))
                    {
                        if (!firstKey) sb.Append(',');
                        firstKey = false;
                        sb.Append(key).Append(':');
                        Write(sb, map[key]);
                    }

                    sb.Append('}');
                    break;
                case System.Collections.IEnumerable list:
                    sb.Append('[');
                    var firstItem = true;
                    foreach (var item in list)
                    {
                        if (!firstItem) sb.Append(',');
                        firstItem = false;
                        Write(sb, item);
                    }

                    sb.Append(']');
                    break;
                default:
                    throw new InvalidOperationException("canonical: unexpected " + value.GetType());
            }
        }

        static void Quote(StringBuilder sb, string s)
        {
            sb.Append('"');
            foreach (var ch in s)
            {
                if (ch == '"') sb.Append("\\\"");
                else if (ch == '\\') sb.Append("\\\\");
                else if (ch < 0x20) sb.Append("\\u").Append(((int)ch).ToString("x4", CultureInfo.InvariantCulture));
                else sb.Append(ch);
            }

            sb.Append('"');
        }
    }

    /// <summary>JavaScript's Number.prototype.toString for the values the corpus uses.</summary>
    internal static string JsNumber(double d)
    {
        if (double.IsNaN(d)) return "NaN";
        if (double.IsInfinity(d)) return d > 0 ? "Infinity" : "-Infinity";
        if (d == Math.Floor(d) && Math.Abs(d) < 1e21) return ((decimal)d).ToString(CultureInfo.InvariantCulture);
        var r = d.ToString("R", CultureInfo.InvariantCulture);
        var e = r.IndexOf('E', StringComparison.Ordinal);
        if (e < 0) return r;
        var exponent = int.Parse(r.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return r[..e] + "e" + (exponent >= 0 ? "+" : "-") + Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}\\z", RegexOptions.CultureInvariant)]
    internal static partial Regex DatePattern();
}

/// <summary>Mirror of DateScalarConfig in resolvers.mjs: rejects input with a plain exception (JS TypeError), which the
/// engine prefixes like graphql-js does ("Expected type \"Date\". ...").</summary>
internal sealed class DateScalar : ScalarType
{
    private const string InputError = "Date must be a string in YYYY-MM-DD form.";

    public DateScalar() : base("Date", "A calendar date as YYYY-MM-DD.") => SpecifiedByUrl = "https://tools.ietf.org/html/rfc3339";

    public override object? Serialize(object? value) =>
        value is string s && OracleSchema.DatePattern().IsMatch(s) ? s : throw new InvalidOperationException("Date cannot serialize a non-date value.");

    public override object? ParseValue(object? value) =>
        value is string s && OracleSchema.DatePattern().IsMatch(s) ? s : throw new FormatException(InputError);

    public override object? ParseLiteral(ValueNode literal) =>
        literal is StringValueNode s && OracleSchema.DatePattern().IsMatch(s.Value) ? s.Value : throw new FormatException(InputError);
}

/// <summary>Mirror of PositiveIntScalarConfig in resolvers.mjs: rejects input with GraphQLException (JS GraphQLError),
/// whose message the engine uses as is.</summary>
internal sealed class PositiveIntScalar() : ScalarType("PositiveInt", "An integer greater than zero.")
{
    private const string InputError = "PositiveInt must be a positive integer.";

    private static int? AsPositive(object? value)
    {
        double d;
        switch (value)
        {
            case int i: d = i; break;
            case long l: d = l; break;
            case double x: d = x; break;
            default: return null;
        }

        return d == Math.Floor(d) && d > 0 && d <= int.MaxValue ? (int)d : null;
    }

    public override object? Serialize(object? value) =>
        AsPositive(value) ?? throw new InvalidOperationException("PositiveInt cannot represent a non-positive value.");

    public override object? ParseValue(object? value) => AsPositive(value) ?? throw new GraphQLException(InputError);

    public override object? ParseLiteral(ValueNode literal) =>
        (literal is IntValueNode i && double.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var d)
            ? AsPositive(d)
            : null) ?? throw new GraphQLException(InputError);
}

/// <summary>The per-request copy of data.json (what `state` is in resolvers.mjs): mutations never leak between cases.</summary>
internal sealed class OracleState
{
    public OracleState(JsonElement data)
    {
        Root = (Dictionary<string, object?>)FromJson(data)!;
        Counter = OracleSchema.ToInt(Root["counter"]!);  // long: JS numbers do not wrap at 2^31 either
    }

    public Dictionary<string, object?> Root { get; }
    public long Counter { get; set; }

    /// <summary>How many times the charById DataLoader ran its batch function in this request.</summary>
    public int CharacterBatches { get; set; }

    public IEnumerable<Dictionary<string, object?>> Humans => Records("humans");
    public IEnumerable<Dictionary<string, object?>> Droids => Records("droids");
    public IEnumerable<Dictionary<string, object?>> Starships => Records("starships");
    public IEnumerable<Dictionary<string, object?>> Reviews => Records("reviews");
    public List<object?> ReviewList => (List<object?>)Root["reviews"]!;

    private IEnumerable<Dictionary<string, object?>> Records(string key) => ((List<object?>)Root[key]!).Cast<Dictionary<string, object?>>();

    public Dictionary<string, object?>? HumanById(string id) => Humans.FirstOrDefault(h => (string)h["id"]! == id);
    public Dictionary<string, object?>? DroidById(string id) => Droids.FirstOrDefault(h => (string)h["id"]! == id);
    public Dictionary<string, object?>? StarshipById(string id) => Starships.FirstOrDefault(h => (string)h["id"]! == id);
    public Dictionary<string, object?>? CharById(string id) => HumanById(id) ?? DroidById(id);
    public Dictionary<string, object?>? NodeById(string id) => CharById(id) ?? StarshipById(id);

    /// <summary>JSON to mutable plain values: int when integral and in range, else long, else double.</summary>
    public static object? FromJson(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Object => e.EnumerateObject().ToDictionary(p => p.Name, p => FromJson(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Select(FromJson).ToList(),
        JsonValueKind.String => e.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => e.TryGetInt32(out var i) ? i : e.TryGetInt64(out var l) ? l : e.GetDouble(),
        _ => null,
    };
}
