using System.Globalization;

namespace LoadBench;

public sealed record BenchOptions
{
    public required string ApiDll { get; init; }
    public required string BenchDll { get; init; }
    public required string ResultsDirectory { get; init; }
    public bool Quick { get; init; }
    public int Connections { get; init; } = 16;
    public int Students { get; init; } = 1000;
    public int Rounds { get; init; } = 3;
    public TimeSpan RoundDuration { get; init; } = TimeSpan.FromSeconds(4);
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(2);
    public long[] RssAfter { get; init; } = [10_000, 100_000];
    public int CheckedStudents { get; init; } = 8;
    public int StatementSample { get; init; } = 20;

    public const string UsageText = """
        LoadBench run --api-dll PATH --bench-dll PATH --results DIR [--quick] [--rounds N] [--round-seconds S]
                      [--warmup-seconds S] [--connections N] [--rss-after 10000,100000]
        LoadBench http-ceiling --urls http://127.0.0.1:PORT   (CEILING_DB = Npgsql connection string)
        """;

    public static int Usage()
    {
        Console.Error.WriteLine(UsageText);
        return 2;
    }

    public static BenchOptions Parse(string[] args)
    {
        string? Value(string name)
        {
            var i = Array.IndexOf(args, name);
            return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
        }

        double Seconds(string name, double fallback) => Value(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;
        var quick = args.Contains("--quick");
        var options = new BenchOptions
        {
            ApiDll = Value("--api-dll") ?? throw new ArgumentException("--api-dll is required"),
            BenchDll = Value("--bench-dll") ?? throw new ArgumentException("--bench-dll is required"),
            ResultsDirectory = Value("--results") ?? throw new ArgumentException("--results is required"),
            Quick = quick,
            Rounds = int.Parse(Value("--rounds") ?? (quick ? "1" : "3"), CultureInfo.InvariantCulture),
            RoundDuration = TimeSpan.FromSeconds(Seconds("--round-seconds", quick ? 2 : 4)),
            Warmup = TimeSpan.FromSeconds(Seconds("--warmup-seconds", quick ? 0.5 : 2)),
            Connections = int.Parse(Value("--connections") ?? "16", CultureInfo.InvariantCulture),
            RssAfter = (Value("--rss-after") ?? (quick ? "5000,10000" : "10000,100000")).Split(',').Select(long.Parse).Order().ToArray(),
            CheckedStudents = quick ? 4 : 8,
        };
        return options;
    }
}
