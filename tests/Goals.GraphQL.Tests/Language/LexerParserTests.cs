using Goals.GraphQL.Language;

namespace Goals.GraphQL.Tests.Language;

public class LexerParserTests
{
    public static TheoryData<int> ValueCaseIndexes()
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < ValueCorpus.Cases.Length; i++) data.Add(i);
        return data;
    }

    /// <summary>Decoded values (escapes, surrogate pairs, block string dedent) equal graphql-js parseValue.</summary>
    [Theory]
    [MemberData(nameof(ValueCaseIndexes))]
    public void ParseValue_MatchesGraphQLJs(int index)
    {
        var (source, expected) = ValueCorpus.Cases[index];
        Assert.Equal(expected, Describe(Parser.ParseValue(source)));
    }

    private static string Describe(ValueNode v) => v switch
    {
        StringValueNode s => (s.Block ? "BlockString:" : "String:") + s.Value,
        IntValueNode i => "Int:" + i.Value,
        FloatValueNode f => "Float:" + f.Value,
        BooleanValueNode b => "Boolean:" + (b.Value ? "true" : "false"),
        NullValueNode => "Null",
        EnumValueNode e => "Enum:" + e.Value,
        VariableNode var => "Variable:" + var.Name.Value,
        ListValueNode l => "[" + string.Join(",", l.Values.Select(Describe)) + "]",
        ObjectValueNode o => "{" + string.Join(",", o.Fields.Select(f => f.Name.Value + "=" + Describe(f.Value))) + "}",
        _ => throw new InvalidOperationException(),
    };

    [Fact]
    public void Lexer_ReportsKindsPositionsAndSkipsComments()
    {
        var lexer = new Lexer("\uFEFF query ,# comment\r\n  $x: [Int!]! = ... & | @ \"s\" \"\"\"b\"\"\" 1 2.5");
        var kinds = new List<(TokenKind, int, int, string?)>();
        for (var t = lexer.Advance(); t.Kind != TokenKind.Eof; t = lexer.Advance()) kinds.Add((t.Kind, t.Line, t.Column, t.Value));
        Assert.Equal(
            [
                (TokenKind.Name, 1, 3, "query"), (TokenKind.Dollar, 2, 3, null), (TokenKind.Name, 2, 4, "x"), (TokenKind.Colon, 2, 5, null),
                (TokenKind.BracketL, 2, 7, null), (TokenKind.Name, 2, 8, "Int"), (TokenKind.Bang, 2, 11, null), (TokenKind.BracketR, 2, 12, null),
                (TokenKind.Bang, 2, 13, null), (TokenKind.Equals, 2, 15, null), (TokenKind.Spread, 2, 17, null), (TokenKind.Amp, 2, 21, null),
                (TokenKind.Pipe, 2, 23, null), (TokenKind.At, 2, 25, null), (TokenKind.String, 2, 27, "s"), (TokenKind.BlockString, 2, 31, "b"),
                (TokenKind.Int, 2, 39, "1"), (TokenKind.Float, 2, 41, "2.5"),
            ], kinds);
    }

    [Fact]
    public void Lexer_TracksLinesAfterMultilineBlockStrings()
    {
        var doc = Parser.Parse("{ a(x: \"\"\"\r\n one\r two\n\"\"\") b }");
        var field = (FieldNode)((OperationDefinitionNode)doc.Definitions[0]).SelectionSet.Selections[1];
        Assert.Equal(new Location(27, 28, 4, 6), field.Location);
    }

    [Fact]
    public void Parser_SetsLocationsOnEveryNode()
    {
        var doc = Parser.Parse("query Q($v: [Int!] = [1]) {\n  alias: field(arg: {a: $v}) @dir { ...F ... on T { x } }\n}");
        var op = (OperationDefinitionNode)doc.Definitions[0];
        Assert.Equal(new Location(0, 87, 1, 1), op.Location);
        var varDef = op.VariableDefinitions[0];
        Assert.Equal((1, 9), (varDef.Location.Line, varDef.Location.Column));
        Assert.Equal((1, 13), (varDef.Type.Location.Line, varDef.Type.Location.Column));
        Assert.Equal((1, 22), (varDef.DefaultValue!.Location.Line, varDef.DefaultValue.Location.Column));
        var field = (FieldNode)op.SelectionSet.Selections[0];
        Assert.Equal("alias", field.ResponseKey);
        Assert.Equal((2, 3), (field.Location.Line, field.Location.Column));
        Assert.Equal((2, 10), (field.Name.Location.Line, field.Name.Location.Column));
        Assert.Equal((2, 16), (field.Arguments[0].Location.Line, field.Arguments[0].Location.Column));
        var obj = (ObjectValueNode)field.Arguments[0].Value;
        Assert.Equal((2, 22), (obj.Fields[0].Location.Line, obj.Fields[0].Location.Column));
        Assert.Equal((2, 30), (field.Directives[0].Location.Line, field.Directives[0].Location.Column));
        var selections = field.SelectionSet!.Selections;
        Assert.Equal((2, 37), (selections[0].Location.Line, selections[0].Location.Column));
        Assert.Equal((2, 42), (selections[1].Location.Line, selections[1].Location.Column));
        Assert.Equal(field.Location.End, field.SelectionSet.Location.End);
    }

    [Fact]
    public void Parser_EnforcesMaxTokens()
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a b c }", new ParserOptions { MaxTokens = 3 }));
        Assert.Equal("Syntax Error: Document contains more that 3 tokens. Parsing aborted.", ex.Message);
        Assert.Equal((1, 7), (ex.Line, ex.Column));
        Assert.NotNull(Parser.Parse("{ a b }", new ParserOptions { MaxTokens = 4 }));
    }

    [Fact]
    public void Parser_EnforcesMaxDocumentLength()
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse("{ a b c }", new ParserOptions { MaxDocumentLength = 5 }));
        Assert.Equal("Syntax Error: Source contains more than 5 UTF-16 code units. Parsing aborted.", ex.Message);
        Assert.Equal((1, 6), (ex.Line, ex.Column));
    }

    [Fact]
    public void Parser_DefaultLimitsStopHugeDocuments()
    {
        var many = "{ " + string.Concat(Enumerable.Repeat("a ", 10_001)) + "}";
        Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(many));
        Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(new string(' ', 100_001)));
    }

    [Fact]
    public void ParseType_ParsesWrappers()
    {
        var type = Parser.ParseType("[[Int!]]!");
        Assert.Equal("[[Int!]]!", Printer.Print(type));
        var nn = Assert.IsType<NonNullTypeNode>(type);
        Assert.IsType<ListTypeNode>(nn.Type);
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseType("Int!!"));
        Assert.Equal("Syntax Error: Expected <EOF>, found \"!\".", ex.Message);
    }

    [Fact]
    public void ParseConstValue_RejectsVariables()
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseConstValue("[1, $a]"));
        Assert.Equal("Syntax Error: Unexpected variable \"$a\" in constant value.", ex.Message);
        Assert.Equal((1, 5), (ex.Line, ex.Column));
    }

    [Fact]
    public void Parser_ParsesExtensionsAsDefinitionsWithIsExtension()
    {
        var doc = Parser.Parse("extend type A implements B @d { f: Int } extend schema @s extend union U = X | Y");
        var ext = Assert.IsType<ObjectTypeDefinitionNode>(doc.Definitions[0]);
        Assert.True(ext.IsExtension);
        Assert.Equal("B", ext.Interfaces[0].Name.Value);
        Assert.IsType<SchemaExtensionNode>(doc.Definitions[1]);
        Assert.Equal(2, Assert.IsType<UnionTypeDefinitionNode>(doc.Definitions[2]).Types.Count);
    }

    [Theory]
    [InlineData(new[] { "", "  a", "    b", "  c", "" }, "a\n  b\nc")]
    [InlineData(new[] { "first", "  second", "   third" }, "first\nsecond\n third")]
    [InlineData(new[] { "  ", "\t", "" }, "")]
    [InlineData(new[] { "  x  " }, "  x  ")]
    [InlineData(new[] { "", "\t\ta", "\t\t", "\t\t  b", "" }, "a\n\n  b")]
    public void BlockString_Dedents(string[] lines, string expected) => Assert.Equal(expected, BlockString.DedentLines(lines));

    [Theory]
    [InlineData("simple")]
    [InlineData(" leading space")]
    [InlineData("trailing quote\"")]
    [InlineData("trailing slash\\")]
    [InlineData("multi\nline\n  indented")]
    [InlineData("  indented\nfirst")]
    [InlineData("has \"\"\" triple")]
    [InlineData("")]
    public void BlockString_PrintRoundTrips(string value)
    {
        var printed = BlockString.Print(value);
        Assert.Equal(value, ((StringValueNode)Parser.ParseValue(printed)).Value);
    }

    [Fact]
    public void Printer_PrintsStringEscapesLikeGraphQLJs() =>
        Assert.Equal("\"a\\\"b\\\\c\\n\\u0001\\u007F\u00e9\"", Printer.PrintString("a\"b\\c\n\u0001\u007f\u00e9"));
}

public class NestingTests
{
    private static string Nested(int depth) => string.Concat(Enumerable.Repeat("{ a ", depth)) + new string('}', depth);

    [Fact]
    public void DeepNesting_IsASyntaxErrorNotAStackOverflow()
    {
        var ex = Assert.Throws<GraphQLSyntaxException>(() => Parser.Parse(Nested(501)));
        Assert.Equal("Syntax Error: Document nesting is deeper than 500 levels. Parsing aborted.", ex.Message);
        Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseValue(new string('[', 600) + new string(']', 600)));
        Assert.Throws<GraphQLSyntaxException>(() => Parser.ParseType(new string('[', 600) + "Int" + new string(']', 600)));
    }

    [Fact]
    public void MaximumNesting_ParsesPrintsAndValidatesOnASmallStack()
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                var doc = Parser.Parse("query " + Nested(500).Replace("{ a {", "{ dog {", StringComparison.Ordinal), new ParserOptions { MaxTokens = 100_000 });
                Assert.NotEmpty(Printer.Print(doc));
                Assert.NotEmpty(Goals.GraphQL.Validation.DocumentValidator.Validate(Tests.Validation.HarnessSchema.Schema, doc));
                var twin = Parser.Parse("{ " + string.Concat(Enumerable.Repeat("dog { mother { ", 120)) + "name" + new string('}', 240) +
                                        " " + string.Concat(Enumerable.Repeat("dog { mother { ", 120)) + "x: name" + new string('}', 240) + " }",
                    new ParserOptions { MaxTokens = 100_000 });
                Assert.NotNull(Goals.GraphQL.Validation.DocumentValidator.Validate(Tests.Validation.HarnessSchema.Schema, twin,
                    new Goals.GraphQL.Validation.ValidationOptions { MaxDepth = 10, MaxComplexity = 100 }));
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        }, 1024 * 1024);
        thread.Start();
        thread.Join();
        Assert.Null(failure);
    }
}
