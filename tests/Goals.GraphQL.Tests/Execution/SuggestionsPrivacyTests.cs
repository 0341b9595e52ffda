using Goals.GraphQL.Execution;
using static Goals.GraphQL.Tests.Execution.TestHelpers;

namespace Goals.GraphQL.Tests.Execution;

/// <summary>With introspection off, no error message names a field, type, argument or enum value the client did not write.</summary>
public class SuggestionsPrivacyTests
{
    private const string Sdl = """
        type Query { goal(kind: Kind, input: Filter): Goal }
        type Goal { title: String secretField: String }
        enum Kind { ACADEMIC CAREER }
        input Filter { complete: Boolean }
        """;

    private static GraphQLExecutor Executor(bool introspection) =>
        new(DictionarySchema(Sdl).Build(), new ExecutorOptions { EnableIntrospection = introspection });

    private static async Task<IReadOnlyList<string>> MessagesAsync(bool introspection, string query, string? variables = null)
    {
        using var executor = Executor(introspection);
        return (await executor.ExecuteAsync(query, variables is null ? null : Vars(variables))).Errors.Select(e => e.Message).ToList();
    }

    [Theory]
    [InlineData("{ goal { secretFeld } }", "Cannot query field \"secretFeld\" on type \"Goal\".", " Did you mean \"secretField\"?")]
    [InlineData("{ goal(knd: CAREER) { title } }", "Unknown argument \"knd\" on field \"Query.goal\".", " Did you mean \"kind\"?")]
    [InlineData("{ goal(kind: CARER) { title } }", "Value \"CARER\" does not exist in \"Kind\" enum.", " Did you mean the enum value \"CAREER\"?")]
    [InlineData("{ goal(input: { complet: true }) { title } }", "Field \"complet\" is not defined by type \"Filter\".", " Did you mean \"complete\"?")]
    [InlineData("query($k: Knd) { goal(kind: $k) { title } }", "Unknown type \"Knd\".", " Did you mean \"Kind\"?")]
    public async Task Validation_messages_leave_out_suggestions_when_introspection_is_off(string query, string message, string suggestion)
    {
        Assert.Contains(message, await MessagesAsync(introspection: false, query));
        Assert.Contains(message + suggestion, await MessagesAsync(introspection: true, query));
    }

    [Theory]
    [InlineData("query($k: Kind) { goal(kind: $k) { title } }", "{'k':'CARER'}",
        "Variable \"$k\" got invalid value \"CARER\"; Value \"CARER\" does not exist in \"Kind\" enum.", " Did you mean the enum value \"CAREER\"?")]
    [InlineData("query($f: Filter) { goal(input: $f) { title } }", "{'f':{'complet':true}}",
        "Variable \"$f\" got invalid value { complet: true }; Field \"complet\" is not defined by type \"Filter\".", " Did you mean \"complete\"?")]
    public async Task Variable_messages_leave_out_suggestions_when_introspection_is_off(string query, string variables, string message,
        string suggestion)
    {
        Assert.Equal([message], await MessagesAsync(introspection: false, query, variables));
        Assert.Equal([message + suggestion], await MessagesAsync(introspection: true, query, variables));
    }
}
