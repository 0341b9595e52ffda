using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Validation;

internal sealed record ExpectedError(string Message, (int Line, int Column)[] Locations);

internal sealed record ValidationCase(string Name, string Query, ExpectedError[] Errors);

/// <summary>graphql-js's validation test harness schema (Dog/Cat/Pet/Human/ComplicatedArgs), read from fuzz/harness.graphql, which the graphql-js fuzz scripts load too.</summary>
internal static class HarnessSchema
{
    public static string Sdl { get; } = File.ReadAllText(
        Path.Combine(Differential.OracleCases.RepoRoot, "tests", "Goals.GraphQL.Tests", "Validation", "fuzz", "harness.graphql"));

    private static Schema? _schema;
    public static Schema Schema => _schema ??= TestSchemaBuilder.Build(Sdl);
}
