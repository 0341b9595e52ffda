using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Exporters;
using BenchmarkDotNet.Exporters.Json;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace Goals.Benchmarks;

public static class Program
{
    /// <summary>
    /// dotnet run -c Release --project bench/Goals.Benchmarks -- [--short] [BenchmarkDotNet args, e.g. --filter *Parse*]
    /// --short: in-process, 1 launch, 2 warm-ups, 5 iterations of ~250 ms (what bench/run-engine-bench.sh uses).
    /// </summary>
    public static int Main(string[] args)
    {
        var dump = Array.IndexOf(args, "--dump");
        if (dump >= 0) return Dump(args[dump + 1]);

        var config = DefaultConfig.Instance.AddExporter(JsonExporter.Full).AddExporter(MarkdownExporter.GitHub);
        if (args.Contains("--short"))
        {
            args = args.Where(a => a != "--short").ToArray();
            config = config.AddJob(Job.Default
                .WithToolchain(InProcessEmitToolchain.Instance)
                .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(5)
                .WithIterationTime(TimeInterval.FromMilliseconds(250))
                .WithId("Short"));
        }

        if (args.Length == 0) args = ["--filter", "*"];
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, config);
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>--dump DIR: writes each benchmark document's response (what Execute_* computes) as DIR/NAME.ours.json,
    /// so run-engine-bench.sh can check both engines compute the same thing.</summary>
    private static int Dump(string dir)
    {
        Directory.CreateDirectory(dir);
        using var bench = new EngineBenchmarks();
        bench.Setup();
        foreach (var (name, run) in new (string, Func<Task<long>>)[]
                 {
                     ("Introspection", bench.ExecuteAndSerialize_Introspection), ("ThreeLevel", bench.ExecuteAndSerialize_ThreeLevel),
                 })
        {
            run().GetAwaiter().GetResult();
            File.WriteAllBytes(Path.Combine(dir, name + ".ours.json"), bench.LastResponse);
        }

        return 0;
    }
}
