using Goals.GraphQL.Language;
using Goals.GraphQL.Validation;

namespace Goals.GraphQL.Tests.Validation;

/// <summary>Each case's expected errors (messages, locations, order) were produced by graphql-js 16.15.0 validate().</summary>
public class ValidationCorpusTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ValidationCorpus.Cases) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesGraphQLJs(string name)
    {
        var c = ValidationCorpus.Cases.Single(x => x.Name == name);
        var errors = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(c.Query));
        var actual = errors.Select(Format).ToList();
        var expected = c.Errors.Select(e => e.Message + " @ " + string.Join(",", e.Locations.Select(l => $"{l.Line}:{l.Column}"))).ToList();
        Assert.Equal(expected, actual);
        Assert.All(errors, e => Assert.Equal(ErrorCodes.ValidationFailed, e.Code));
    }

    public static TheoryData<string> ContainerCaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ContainerCorpus.Cases) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ContainerCaseNames))]
    public void ContainerSchema_MatchesGraphQLJs(string name)
    {
        var c = ContainerCorpus.Cases.Single(x => x.Name == name);
        var errors = DocumentValidator.Validate(ContainerSchema.Schema, Parser.Parse(c.Query));
        var expected = c.Errors.Select(e => e.Message + " @ " + string.Join(",", e.Locations.Select(l => $"{l.Line}:{l.Column}"))).ToList();
        Assert.Equal(expected, errors.Select(Format).ToList());
    }

    private static string Format(GraphQLError e) =>
        e.Message + " @ " + string.Join(",", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"));
}
