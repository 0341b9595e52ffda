using Goals.GraphQL.Language;
using Goals.GraphQL.Validation;

namespace Goals.GraphQL.Tests.Validation;

public class QueryLimitsTests
{
    private static IReadOnlyList<GraphQLError> Validate(string query, ValidationOptions options) =>
        DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(query), options);

    [Fact]
    public void Depth_CountsFieldsThroughFragments()
    {
        const string query = "{ dog { mother { ...F } } } fragment F on Dog { father { ... on Dog { mother { name } } } }";
        Assert.Empty(Validate(query, new ValidationOptions { MaxDepth = 5 }));
        var error = Assert.Single(Validate(query, new ValidationOptions { MaxDepth = 4 }));
        Assert.Equal("Query depth 5 exceeds the maximum of 4.", error.Message);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
        Assert.Equal([new ErrorLocation(1, 1)], error.Locations);
    }

    /// <summary>The estimated cost, read from the limit's message (MaxComplexity 0: every operation exceeds it).</summary>
    internal static long CostOf(Goals.GraphQL.Types.Schema schema, string query)
    {
        var error = Assert.Single(DocumentValidator.Validate(schema, Parser.Parse(query), new ValidationOptions { MaxComplexity = 0 }));
        var match = System.Text.RegularExpressions.Regex.Match(error.Message, "^Query complexity (\\d+) exceeds the maximum of 0\\.$");
        Assert.True(match.Success, error.Message);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int CountKeys(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o => o.Sum(p => 1 + CountKeys(p.Value)),
        System.Text.Json.Nodes.JsonArray a => a.Sum(CountKeys),
        _ => 0,
    };

    [Fact]
    public void Introspection_costs_what_it_answers()
    {
        // graphql-js's answer to the IDE's full introspection query over that schema: the estimate is its number of fields.
        var answered = CountKeys(System.Text.Json.Nodes.JsonNode.Parse(Introspection.IntrospectionFixtures.ExpectedResult)!["data"]);
        var cost = CostOf(Introspection.IntrospectionTests.BuildSchema(), Introspection.IntrospectionFixtures.Query);
        Assert.InRange(cost, answered * 0.98, answered * 1.02);
    }

    [Fact]
    public void Aliased_introspection_counts_every_alias()
    {
        var schema = Introspection.IntrospectionTests.BuildSchema();
        const string fragment = " fragment S on __Schema { types { name fields { name type { name } } } }";
        var once = CostOf(schema, "{ a0: __schema { ...S } }" + fragment);
        Assert.True(once > 50, $"a whole-schema listing costs more than a field ({once})");
        var aliases = string.Concat(Enumerable.Range(0, 100).Select(i => $"a{i}: __schema {{ ...S }} "));
        Assert.Equal(100 * once, CostOf(schema, "{ " + aliases + "}" + fragment));
        var error = Assert.Single(Validate("{ " + aliases + "}" + fragment, new ValidationOptions { MaxComplexity = 5_000 }));
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
    }

    [Fact]
    public void Introspection_ofType_chains_cost_only_as_deep_as_the_schema_wraps()
    {
        // Query.search: [SearchResult!]! is the deepest wrapping of that schema: ofType below three wrappers answers null.
        var schema = Introspection.IntrospectionTests.BuildSchema();
        var three = CostOf(schema, "{ __type(name: \"Query\") { fields { type { ofType { ofType { ofType { name } } } } } } }");
        var six = CostOf(schema, "{ __type(name: \"Query\") { fields { type { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } }");
        Assert.Equal(three, six);
    }

    [Fact]
    public void Depth_leaves_introspection_to_its_own_rule()
    {
        var tight = new ValidationOptions { MaxDepth = 2 };
        Assert.Empty(Validate(Introspection.IntrospectionFixtures.Query, tight));
        var error = Assert.Single(Validate("{ __type(name: \"Dog\") { name } dog { mother { name } } }", tight));
        Assert.Equal("Query depth 3 exceeds the maximum of 2.", error.Message);
    }

    [Fact]
    public void Complexity_counts_each_alias_of_a_field()
    {
        var schema = TestSchemaBuilder.Build("type Query { items(first: Int): [Item] } type Item { id: ID }");
        Assert.Equal(11, CostOf(schema, "{ items { id } }"));
        Assert.Equal(33, CostOf(schema, "{ a: items { id } b: items { id } c: items { id } }"));
        Assert.Equal(22, CostOf(schema, "{ items { id } ...F } fragment F on Query { again: items { id } }"));
    }

    [Fact]
    public void Complexity_sizes_a_connection_list_by_the_first_of_its_field()
    {
        var schema = TestSchemaBuilder.Build(
            "type Query { conn(first: Int): Conn } type Conn { edges: [Edge] total: Int } type Edge { node: Item } type Item { id: ID tags: [String] subs: [Item] }");
        // conn 1 + edges (1 + 50 * node (1 + id 1 + subs (1 + 10 * id 1))) + total 1
        Assert.Equal(1 + 1 + 50 * (1 + 1 + 11) + 1, CostOf(schema, "{ conn(first: 50) { edges { node { id subs { id } } } total } }"));
        Assert.Equal(1 + 1 + 10 * 2, CostOf(schema, "{ conn { edges { node { id } } } }"));
    }

    [Fact]
    public void Complexity_MultipliesListFields()
    {
        // human: 1 + (name 1 + pets: 1 + 10 * (name 1) + relatives: 1 + 3 * (name 1)) = 1 + 1 + 11 + 4 = 17
        const string query = "{ human { name pets { name } relatives(first: 3) { name } } }";
        Assert.Empty(Validate(query.Replace("relatives(first: 3)", "relatives", StringComparison.Ordinal), new ValidationOptions { MaxComplexity = 100 }));
        var errors = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse("{ human { name pets { name } relatives { name } } }"),
            new ValidationOptions { MaxComplexity = 20, ListSizeEstimate = 10 });
        var error = Assert.Single(errors);
        Assert.Equal("Query complexity 24 exceeds the maximum of 20.", error.Message);
        Assert.Equal(ErrorCodes.QueryTooComplex, error.Code);
    }

    [Fact]
    public void Complexity_UsesFirstLastLimitArguments()
    {
        var schema = TestSchemaBuilder.Build("type Query { items(first: Int, last: Int, limit: Int): [Item] } type Item { id: ID sub(limit: Int): [Item] }");
        IReadOnlyList<GraphQLError> Check(string q, int max) =>
            DocumentValidator.Validate(schema, Parser.Parse(q), new ValidationOptions { MaxComplexity = max });
        Assert.Empty(Check("{ items(first: 2) { id } }", 3));
        Assert.Equal("Query complexity 4 exceeds the maximum of 3.", Assert.Single(Check("{ items(last: 3) { id } }", 3)).Message);
        Assert.Equal("Query complexity 15 exceeds the maximum of 10.", Assert.Single(Check("{ items(limit: 2) { id sub(limit: 5) { id } } }", 10)).Message);
    }

    [Fact]
    public void Introspection_CanBeSwitchedOff()
    {
        var options = new ValidationOptions { AllowIntrospection = false };
        Assert.Empty(Validate("{ __typename dog { __typename name } }", options));
        var errors = Validate("{ __schema { queryType { name } } ...F } fragment F on QueryRoot { __type(name: \"Dog\") { name } }", options);
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.Equal(DocumentValidator.IntrospectionDisabledCode, e.Code));
        Assert.Equal([new ErrorLocation(1, 3)], errors[0].Locations);
    }

    [Fact]
    public void Limits_RunOnlyWhenSpecRulesPass()
    {
        var errors = Validate("{ dog { mother { mother { unknown } } } }", new ValidationOptions { MaxDepth = 1, MaxComplexity = 1 });
        var error = Assert.Single(errors);
        Assert.Equal(ErrorCodes.ValidationFailed, error.Code);
        Assert.StartsWith("Cannot query field \"unknown\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FragmentCycles_DoNotHang()
    {
        const string query = "{ dog { ...A } } fragment A on Dog { mother { ...B } } fragment B on Dog { father { ...A } }";
        var errors = Validate(query, new ValidationOptions { MaxDepth = 3, MaxComplexity = 5 });
        Assert.Contains(errors, e => e.Message.StartsWith("Cannot spread fragment \"A\" within itself", StringComparison.Ordinal));
    }

    [Fact]
    public void ErrorLimit_StopsAfterOneHundredErrors()
    {
        var query = "{ " + string.Concat(Enumerable.Range(0, 150).Select(i => $"f{i} ")) + "}";
        var errors = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(query));
        Assert.Equal(101, errors.Count);
        Assert.Equal("Too many validation errors, error limit reached. Validation aborted.", errors[100].Message);
    }
}

public class ConcurrencyTests
{
    [Fact]
    public void ParallelValidationMatchesSequential()
    {
        var cases = ValidationCorpus.Cases;
        var expected = cases.Select(c => Describe(DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(c.Query)))).ToArray();
        var actual = new string[cases.Length * 4];
        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            actual[i] = Describe(DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(cases[i % cases.Length].Query))));
        for (var i = 0; i < actual.Length; i++) Assert.Equal(expected[i % cases.Length], actual[i]);
    }

    private static string Describe(IReadOnlyList<GraphQLError> errors) =>
        string.Join("\n", errors.Select(e => e.Message + string.Join(",", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))));
}

public class HideSuggestionsTests
{
    /// <summary>Expected output from graphql-js 16.15 validate(..., { hideSuggestions: true }).</summary>
    [Fact]
    public void HideSuggestions_DropsDidYouMeanLikeGraphQLJs()
    {
        const string query = "query ($a: Strin) { dog { nam doesKnowCommand(dogComand: SITT) } pet { nickname } complicatedArgs { complexArgField(complexArg: {requiredField: true, intFeld: 1}) } dog @skip(iff: true) { name } }";
        var errors = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(query), new ValidationOptions { HideSuggestions = true });
        Assert.Equal(
            [
                "Unknown type \"Strin\". @ 1:12",
                "Cannot query field \"nam\" on type \"Dog\". @ 1:27",
                "Unknown argument \"dogComand\" on field \"Dog.doesKnowCommand\". @ 1:47",
                "Cannot query field \"nickname\" on type \"Pet\". @ 1:72",
                "Field \"intFeld\" is not defined by type \"ComplexInput\". @ 1:151",
                "Unknown argument \"iff\" on directive \"@skip\". @ 1:176",
                "Directive \"@skip\" argument \"if\" of type \"Boolean!\" is required, but it was not provided. @ 1:170",
                "Variable \"$a\" is never used. @ 1:8",
            ],
            errors.Select(e => e.Message + " @ " + string.Join(",", (e.Locations ?? []).Select(l => $"{l.Line}:{l.Column}"))).ToList());
        var withSuggestions = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(query));
        Assert.Contains(withSuggestions, e => e.Message == "Cannot query field \"nam\" on type \"Dog\". Did you mean \"name\"?");
    }

    [Fact]
    public void HideSuggestions_AlsoForEnumValues()
    {
        var errors = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse("{ dog { doesKnowCommand(dogCommand: SITT) } }"),
            new ValidationOptions { HideSuggestions = true });
        Assert.Equal("Value \"SITT\" does not exist in \"DogCommand\" enum.", Assert.Single(errors).Message);
    }
}

public class FragmentChainTests
{
    /// <summary>The longest fragment chain the default token limit allows: rules that follow spreads recursively must fit a small stack.</summary>
    [Fact]
    public void LongFragmentChain_ValidatesOnASmallStack()
    {
        const int n = 1200;
        var sb = new System.Text.StringBuilder("{ dog { name ...F0 } }");
        for (var i = 0; i < n; i++) sb.Append($" fragment F{i} on Dog {{ ...F{i + 1} }}");
        sb.Append($" fragment F{n} on Dog {{ name: nickname }}");
        IReadOnlyList<GraphQLError>? errors = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var doc = Parser.Parse(sb.ToString());
                errors = DocumentValidator.Validate(HarnessSchema.Schema, doc, new ValidationOptions { MaxDepth = 5, MaxComplexity = 100 });
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
        var error = Assert.Single(errors!);
        Assert.Equal("Fields \"name\" conflict because \"name\" and \"nickname\" are different fields. Use different aliases on the fields to fetch both if this was intentional.", error.Message);
    }

    [Fact]
    public void LongValidFragmentChain_RunsTheLimitsOnASmallStack()
    {
        const int n = 1200;
        var sb = new System.Text.StringBuilder("{ dog { ...F0 } }");
        for (var i = 0; i < n; i++) sb.Append($" fragment F{i} on Dog {{ ...F{i + 1} }}");
        sb.Append($" fragment F{n} on Dog {{ mother {{ name }} }}");
        IReadOnlyList<GraphQLError>? errors = null;
        var thread = new Thread(() => errors = DocumentValidator.Validate(HarnessSchema.Schema, Parser.Parse(sb.ToString()),
            new ValidationOptions { MaxDepth = 2, MaxComplexity = 100 }), 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal("Query depth 3 exceeds the maximum of 2.", Assert.Single(errors!).Message);
    }
}
