using System.Diagnostics;
using Goals.GraphQL.Language;
using Goals.GraphQL.Validation;
using Xunit.Abstractions;

namespace Goals.GraphQL.Tests.Validation;

public class PerformanceTests(ITestOutputHelper output)
{
    private static TimeSpan CpuTime() => Process.GetCurrentProcess().TotalProcessorTime;

    [Fact]
    public void IntrospectionQuery_ParsesAndValidatesQuickly()
    {
        var schema = HarnessSchema.Schema;
        var doc = Parser.Parse(Introspection.IntrospectionFixtures.Query);
        Assert.Empty(DocumentValidator.Validate(schema, doc));
        for (var i = 0; i < 500; i++)
        {
            Parser.Parse(Introspection.IntrospectionFixtures.Query);
            DocumentValidator.Validate(schema, doc);
        }

        const int n = 1000;
        double parseUs = double.MaxValue, validateUs = double.MaxValue;
        for (var round = 0; round < 10; round++)
        {
            // CPU time of this thread's work, so that other processes on a shared machine do not skew the result.
            var cpu = CpuTime();
            for (var i = 0; i < n; i++) Parser.Parse(Introspection.IntrospectionFixtures.Query);
            parseUs = Math.Min(parseUs, (CpuTime() - cpu).TotalMicroseconds / n);
            cpu = CpuTime();
            for (var i = 0; i < n; i++) DocumentValidator.Validate(schema, doc);
            validateUs = Math.Min(validateUs, (CpuTime() - cpu).TotalMicroseconds / n);
        }

        output.WriteLine($"parse {parseUs:F1} us, validate {validateUs:F1} us (best of 10 rounds)");

        var before = GC.GetAllocatedBytesForCurrentThread();
        DocumentValidator.Validate(schema, doc);
        output.WriteLine($"validate allocates {GC.GetAllocatedBytesForCurrentThread() - before} bytes");
        before = GC.GetAllocatedBytesForCurrentThread();
        Parser.Parse(Introspection.IntrospectionFixtures.Query);
        output.WriteLine($"parse allocates {GC.GetAllocatedBytesForCurrentThread() - before} bytes");

        // Generous bounds: the machine is shared; typical numbers are far lower.
        Assert.True(validateUs < 1000, $"validate took {validateUs} us");
        Assert.True(parseUs < 1000, $"parse took {parseUs} us");
    }
}
