using Goals.GraphQL.Language;

namespace Goals.GraphQL.Tests.Language;

internal sealed record ParserCase(string Name, string Source, string? Printed, string? Error, int Line, int Column);

/// <summary>Each case's expected print output or syntax error (message, line, column) was produced by graphql-js 16.15.0.</summary>
public class ParserCorpusTests
{
    public static TheoryData<string> CaseNames()
    {
        var data = new TheoryData<string>();
        foreach (var c in ParserCorpus.Cases) data.Add(c.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public void MatchesGraphQLJs(string name)
    {
        var c = ParserCorpus.Cases.Single(x => x.Name == name);
        if (c.Error is not null)
        {
            var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(c.Source));
            Assert.Equal(c.Error, ex.Message);
            Assert.Equal((c.Line, c.Column), (ex.Line, ex.Column));
            Assert.Equal(ErrorCodes.ParseFailed, ex.Code);
            return;
        }

        var printed = Printer.Print(Parser.Parse(c.Source));
        Assert.Equal(c.Printed, printed);

        // Round trip: printing the re-parsed output is stable.
        Assert.Equal(printed, Printer.Print(Parser.Parse(printed)));
    }
}
