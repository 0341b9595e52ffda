namespace Goals.GraphQL.Language;

/// <summary>The parser state; one instance parses one source.</summary>
internal sealed class ParserImpl
{
    private readonly Lexer _lexer;
    private readonly int _maxTokens;
    private int _tokenCount;

    /// <summary>
    /// Nesting limit for selection sets, list/object values and list types together. graphql-js has none (JavaScript
    /// throws a catchable RangeError on deep recursion); in .NET a stack overflow kills the process, so we stop here.
    /// </summary>
    public const int MaxNestingDepth = 500;

    private int _depth;

    private void EnterNesting()
    {
        if (++_depth > MaxNestingDepth)
            throw _lexer.Error(_lexer.Token.Start, $"Document nesting is deeper than {MaxNestingDepth} levels. Parsing aborted.");
    }

    public ParserImpl(string source, int maxTokens)
    {
        _lexer = new Lexer(source);
        _maxTokens = maxTokens;
    }

    // ---------------------------------------------------------------- token helpers

    private Token Tok => _lexer.Token;

    private void Advance()
    {
        var token = _lexer.Advance();
        if (token.Kind != TokenKind.Eof && ++_tokenCount > _maxTokens)
            throw _lexer.Error(token.Start, $"Document contains more that {_maxTokens} tokens. Parsing aborted.");
    }

    private Location Loc(in Token start) => new(start.Start, _lexer.LastToken.End, start.Line, start.Column);

    private bool Peek(TokenKind kind) => _lexer.Token.Kind == kind;

    public Token ExpectToken(TokenKind kind)
    {
        var token = _lexer.Token;
        if (token.Kind == kind)
        {
            Advance();
            return token;
        }

        throw _lexer.Error(token.Start, $"Expected {Token.KindDescription(kind)}, found {token.Description}.");
    }

    private bool ExpectOptionalToken(TokenKind kind)
    {
        if (_lexer.Token.Kind != kind) return false;
        Advance();
        return true;
    }

    private void ExpectKeyword(string value)
    {
        var token = _lexer.Token;
        if (token.Kind == TokenKind.Name && token.Value == value)
        {
            Advance();
            return;
        }

        throw _lexer.Error(token.Start, $"Expected \"{value}\", found {token.Description}.");
    }

    private bool ExpectOptionalKeyword(string value)
    {
        var token = _lexer.Token;
        if (token.Kind != TokenKind.Name || token.Value != value) return false;
        Advance();
        return true;
    }

    private GraphQLSyntaxException Unexpected(in Token token) => _lexer.Error(token.Start, $"Unexpected {token.Description}.");
    private GraphQLSyntaxException Unexpected() => Unexpected(_lexer.Token);

    // ---------------------------------------------------------------- document

    public DocumentNode ParseDocument()
    {
        ExpectToken(TokenKind.Sof);
        var definitions = new List<DefinitionNode>();
        do definitions.Add(ParseDefinition());
        while (!ExpectOptionalToken(TokenKind.Eof));
        var last = _lexer.Token;
        return new DocumentNode { Definitions = definitions, Location = new Location(0, last.End, 1, 1) };
    }

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceL)) return ParseOperationDefinition();
        var hasDescription = PeekDescription();
        var keywordToken = hasDescription ? _lexer.Lookahead() : _lexer.Token;
        if (hasDescription && keywordToken.Kind == TokenKind.BraceL)
            throw _lexer.Error(_lexer.Token.Start, "Unexpected description, descriptions are not supported on shorthand queries.");
        if (keywordToken.Kind == TokenKind.Name)
        {
            switch (keywordToken.Value)
            {
                case "schema": return ParseSchemaDefinition();
                case "scalar": return ParseScalarTypeDefinition();
                case "type": return ParseObjectTypeDefinition();
                case "interface": return ParseInterfaceTypeDefinition();
                case "union": return ParseUnionTypeDefinition();
                case "enum": return ParseEnumTypeDefinition();
                case "input": return ParseInputObjectTypeDefinition();
                case "directive": return ParseDirectiveDefinition();
            }

            switch (keywordToken.Value)
            {
                case "query":
                case "mutation":
                case "subscription":
                    return ParseOperationDefinition();
                case "fragment": return ParseFragmentDefinition();
            }

            if (hasDescription)
                throw _lexer.Error(_lexer.Token.Start, "Unexpected description, only GraphQL definitions support descriptions.");
            if (keywordToken.Value == "extend") return ParseTypeSystemExtension();
        }

        throw Unexpected(keywordToken);
    }

    // ---------------------------------------------------------------- operations

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = Tok;
        if (Peek(TokenKind.BraceL))
        {
            var selectionSet = ParseSelectionSet();
            return new OperationDefinitionNode { Operation = OperationType.Query, SelectionSet = selectionSet, Location = Loc(start) };
        }

        var description = ParseDescription();
        var operation = ParseOperationType();
        NameNode? name = null;
        if (Peek(TokenKind.Name)) name = ParseName();
        var variableDefinitions = ParseVariableDefinitions();
        var directives = ParseDirectives(false);
        var set = ParseSelectionSet();
        return new OperationDefinitionNode
        {
            Description = description, Operation = operation, Name = name, VariableDefinitions = variableDefinitions, Directives = directives,
            SelectionSet = set, Location = Loc(start),
        };
    }

    private OperationType ParseOperationType()
    {
        var token = ExpectToken(TokenKind.Name);
        return token.Value switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => throw Unexpected(token),
        };
    }

    private IReadOnlyList<VariableDefinitionNode> ParseVariableDefinitions()
    {
        if (!ExpectOptionalToken(TokenKind.ParenL)) return [];
        var list = new List<VariableDefinitionNode>();
        do list.Add(ParseVariableDefinition());
        while (!ExpectOptionalToken(TokenKind.ParenR));
        return list;
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        var variable = ParseVariable();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (ExpectOptionalToken(TokenKind.Equals)) defaultValue = ParseValueLiteral(true);
        var directives = ParseDirectives(true);
        return new VariableDefinitionNode
        {
            Description = description, Variable = variable, Type = type, DefaultValue = defaultValue, Directives = directives, Location = Loc(start),
        };
    }

    private VariableNode ParseVariable()
    {
        var start = Tok;
        ExpectToken(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode { Name = name, Location = Loc(start) };
    }

    private SelectionSetNode ParseSelectionSet()
    {
        var start = Tok;
        ExpectToken(TokenKind.BraceL);
        EnterNesting();
        var list = new List<SelectionNode>();
        do list.Add(Peek(TokenKind.Spread) ? ParseFragment() : ParseField());
        while (!ExpectOptionalToken(TokenKind.BraceR));
        _depth--;
        return new SelectionSetNode { Selections = list, Location = Loc(start) };
    }

    private FieldNode ParseField()
    {
        var start = Tok;
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        NameNode name;
        if (ExpectOptionalToken(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        else
        {
            name = nameOrAlias;
        }

        var arguments = ParseArguments(false);
        var directives = ParseDirectives(false);
        var selectionSet = Peek(TokenKind.BraceL) ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias, Name = name, Arguments = arguments, Directives = directives, SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private IReadOnlyList<ArgumentNode> ParseArguments(bool isConst)
    {
        if (!ExpectOptionalToken(TokenKind.ParenL)) return [];
        var list = new List<ArgumentNode>();
        do
        {
            var start = Tok;
            var name = ParseName();
            ExpectToken(TokenKind.Colon);
            var value = ParseValueLiteral(isConst);
            list.Add(new ArgumentNode { Name = name, Value = value, Location = Loc(start) });
        }
        while (!ExpectOptionalToken(TokenKind.ParenR));
        return list;
    }

    private SelectionNode ParseFragment()
    {
        var start = Tok;
        ExpectToken(TokenKind.Spread);
        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseFragmentName();
            var d = ParseDirectives(false);
            return new FragmentSpreadNode { Name = name, Directives = d, Location = Loc(start) };
        }

        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode
        {
            TypeCondition = typeCondition, Directives = directives, SelectionSet = selectionSet, Location = Loc(start),
        };
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode
        {
            Description = description, Name = name, TypeCondition = typeCondition, Directives = directives, SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private NameNode ParseFragmentName()
    {
        if (Tok.Kind == TokenKind.Name && Tok.Value == "on") throw Unexpected();
        return ParseName();
    }

    private NameNode ParseName()
    {
        var token = ExpectToken(TokenKind.Name);
        return new NameNode { Value = token.Value!, Location = new Location(token.Start, token.End, token.Line, token.Column) };
    }

    // ---------------------------------------------------------------- values

    public ValueNode ParseValueLiteral(bool isConst)
    {
        var token = Tok;
        switch (token.Kind)
        {
            case TokenKind.BracketL:
            {
                Advance();
                EnterNesting();
                var values = new List<ValueNode>();
                while (!ExpectOptionalToken(TokenKind.BracketR)) values.Add(ParseValueLiteral(isConst));
                _depth--;
                return new ListValueNode { Values = values, Location = Loc(token) };
            }
            case TokenKind.BraceL:
            {
                Advance();
                EnterNesting();
                var fields = new List<ObjectFieldNode>();
                while (!ExpectOptionalToken(TokenKind.BraceR))
                {
                    var start = Tok;
                    var name = ParseName();
                    ExpectToken(TokenKind.Colon);
                    var value = ParseValueLiteral(isConst);
                    fields.Add(new ObjectFieldNode { Name = name, Value = value, Location = Loc(start) });
                }

                _depth--;
                return new ObjectValueNode { Fields = fields, Location = Loc(token) };
            }
            case TokenKind.Int:
                Advance();
                return new IntValueNode { Value = token.Value!, Location = Loc(token) };
            case TokenKind.Float:
                Advance();
                return new FloatValueNode { Value = token.Value!, Location = Loc(token) };
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                Advance();
                return token.Value switch
                {
                    "true" => new BooleanValueNode { Value = true, Location = Loc(token) },
                    "false" => new BooleanValueNode { Value = false, Location = Loc(token) },
                    "null" => new NullValueNode { Location = Loc(token) },
                    _ => new EnumValueNode { Value = token.Value!, Location = Loc(token) },
                };
            case TokenKind.Dollar:
                if (isConst)
                {
                    ExpectToken(TokenKind.Dollar);
                    if (Tok.Kind == TokenKind.Name)
                        throw _lexer.Error(token.Start, $"Unexpected variable \"${Tok.Value}\" in constant value.");
                    throw Unexpected(token);
                }

                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var token = Tok;
        Advance();
        return new StringValueNode { Value = token.Value!, Block = token.Kind == TokenKind.BlockString, Location = Loc(token) };
    }

    private IReadOnlyList<DirectiveNode> ParseDirectives(bool isConst)
    {
        if (!Peek(TokenKind.At)) return [];
        var list = new List<DirectiveNode>();
        while (Peek(TokenKind.At))
        {
            var start = Tok;
            Advance();
            var name = ParseName();
            var arguments = ParseArguments(isConst);
            list.Add(new DirectiveNode { Name = name, Arguments = arguments, Location = Loc(start) });
        }

        return list;
    }

    // ---------------------------------------------------------------- types

    public TypeNode ParseTypeReference()
    {
        var start = Tok;
        TypeNode type;
        if (ExpectOptionalToken(TokenKind.BracketL))
        {
            EnterNesting();
            var inner = ParseTypeReference();
            ExpectToken(TokenKind.BracketR);
            _depth--;
            type = new ListTypeNode { Type = inner, Location = Loc(start) };
        }
        else
        {
            type = ParseNamedType();
        }

        if (ExpectOptionalToken(TokenKind.Bang)) return new NonNullTypeNode { Type = type, Location = Loc(start) };
        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = Tok;
        var name = ParseName();
        return new NamedTypeNode { Name = name, Location = Loc(start) };
    }

    // ---------------------------------------------------------------- type system

    private bool PeekDescription() => Peek(TokenKind.String) || Peek(TokenKind.BlockString);

    private StringValueNode? ParseDescription() => PeekDescription() ? ParseStringLiteral() : null;

    private SchemaDefinitionNode ParseSchemaDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        ExpectToken(TokenKind.BraceL);
        var ops = new List<OperationTypeDefinitionNode>();
        do ops.Add(ParseOperationTypeDefinition());
        while (!ExpectOptionalToken(TokenKind.BraceR));
        return new SchemaDefinitionNode { Description = description, Directives = directives, OperationTypes = ops, Location = Loc(start) };
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = Tok;
        var operation = ParseOperationType();
        ExpectToken(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode { Operation = operation, Type = type, Location = Loc(start) };
    }

    private ScalarTypeDefinitionNode ParseScalarTypeDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(true);
        return new ScalarTypeDefinitionNode { Description = description, Name = name, Directives = directives, Location = Loc(start) };
    }

    private IReadOnlyList<NamedTypeNode> ParseImplementsInterfaces()
    {
        if (!ExpectOptionalKeyword("implements")) return [];
        return DelimitedNamedTypes(TokenKind.Amp);
    }

    private List<NamedTypeNode> DelimitedNamedTypes(TokenKind delimiter)
    {
        ExpectOptionalToken(delimiter);
        var list = new List<NamedTypeNode>();
        do list.Add(ParseNamedType());
        while (ExpectOptionalToken(delimiter));
        return list;
    }

    private IReadOnlyList<FieldDefinitionNode> ParseFieldsDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.BraceL)) return [];
        var list = new List<FieldDefinitionNode>();
        do list.Add(ParseFieldDefinition());
        while (!ExpectOptionalToken(TokenKind.BraceR));
        return list;
    }

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        var name = ParseName();
        var args = ParseArgumentDefs();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(true);
        return new FieldDefinitionNode
        {
            Description = description, Name = name, Arguments = args, Type = type, Directives = directives, Location = Loc(start),
        };
    }

    private IReadOnlyList<InputValueDefinitionNode> ParseArgumentDefs()
    {
        if (!ExpectOptionalToken(TokenKind.ParenL)) return [];
        var list = new List<InputValueDefinitionNode>();
        do list.Add(ParseInputValueDef());
        while (!ExpectOptionalToken(TokenKind.ParenR));
        return list;
    }

    private InputValueDefinitionNode ParseInputValueDef()
    {
        var start = Tok;
        var description = ParseDescription();
        var name = ParseName();
        ExpectToken(TokenKind.Colon);
        var type = ParseTypeReference();
        ValueNode? defaultValue = null;
        if (ExpectOptionalToken(TokenKind.Equals)) defaultValue = ParseValueLiteral(true);
        var directives = ParseDirectives(true);
        return new InputValueDefinitionNode
        {
            Description = description, Name = name, Type = type, DefaultValue = defaultValue, Directives = directives,
            Location = Loc(start),
        };
    }

    private ObjectTypeDefinitionNode ParseObjectTypeDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(true);
        var fields = ParseFieldsDefinition();
        return new ObjectTypeDefinitionNode
        {
            Description = description, Name = name, Interfaces = interfaces, Directives = directives, Fields = fields,
            Location = Loc(start),
        };
    }

    private InterfaceTypeDefinitionNode ParseInterfaceTypeDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(true);
        var fields = ParseFieldsDefinition();
        return new InterfaceTypeDefinitionNode
        {
            Description = description, Name = name, Interfaces = interfaces, Directives = directives, Fields = fields,
            Location = Loc(start),
        };
    }

    private IReadOnlyList<NamedTypeNode> ParseUnionMemberTypes() =>
        ExpectOptionalToken(TokenKind.Equals) ? DelimitedNamedTypes(TokenKind.Pipe) : [];

    private UnionTypeDefinitionNode ParseUnionTypeDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var types = ParseUnionMemberTypes();
        return new UnionTypeDefinitionNode { Description = description, Name = name, Directives = directives, Types = types, Location = Loc(start) };
    }

    private IReadOnlyList<EnumValueDefinitionNode> ParseEnumValuesDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.BraceL)) return [];
        var list = new List<EnumValueDefinitionNode>();
        do
        {
            var start = Tok;
            var description = ParseDescription();
            var token = Tok;
            if (token.Kind == TokenKind.Name && token.Value is "true" or "false" or "null")
                throw _lexer.Error(token.Start, $"{token.Description} is reserved and cannot be used for an enum value.");
            var name = ParseName();
            var directives = ParseDirectives(true);
            list.Add(new EnumValueDefinitionNode { Description = description, Name = name, Directives = directives, Location = Loc(start) });
        }
        while (!ExpectOptionalToken(TokenKind.BraceR));
        return list;
    }

    private EnumTypeDefinitionNode ParseEnumTypeDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var values = ParseEnumValuesDefinition();
        return new EnumTypeDefinitionNode { Description = description, Name = name, Directives = directives, Values = values, Location = Loc(start) };
    }

    private IReadOnlyList<InputValueDefinitionNode> ParseInputFieldsDefinition()
    {
        if (!ExpectOptionalToken(TokenKind.BraceL)) return [];
        var list = new List<InputValueDefinitionNode>();
        do list.Add(ParseInputValueDef());
        while (!ExpectOptionalToken(TokenKind.BraceR));
        return list;
    }

    private InputObjectTypeDefinitionNode ParseInputObjectTypeDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var fields = ParseInputFieldsDefinition();
        return new InputObjectTypeDefinitionNode { Description = description, Name = name, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    private DefinitionNode ParseTypeSystemExtension()
    {
        var keywordToken = _lexer.Lookahead();
        if (keywordToken.Kind == TokenKind.Name)
        {
            switch (keywordToken.Value)
            {
                case "schema": return ParseSchemaExtension();
                case "scalar":
                case "type":
                case "interface":
                case "union":
                case "enum":
                case "input":
                    return ParseTypeExtension(keywordToken.Value);
            }
        }

        throw Unexpected(keywordToken);
    }

    private SchemaExtensionNode ParseSchemaExtension()
    {
        var start = Tok;
        ExpectKeyword("extend");
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        IReadOnlyList<OperationTypeDefinitionNode> ops = [];
        if (ExpectOptionalToken(TokenKind.BraceL))
        {
            var list = new List<OperationTypeDefinitionNode>();
            do list.Add(ParseOperationTypeDefinition());
            while (!ExpectOptionalToken(TokenKind.BraceR));
            ops = list;
        }

        if (directives.Count == 0 && ops.Count == 0) throw Unexpected();
        return new SchemaExtensionNode { Directives = directives, OperationTypes = ops, Location = Loc(start) };
    }

    private TypeDefinitionNode ParseTypeExtension(string keyword)
    {
        var start = Tok;
        ExpectKeyword("extend");
        ExpectKeyword(keyword);
        var name = ParseName();
        switch (keyword)
        {
            case "scalar":
            {
                var directives = ParseDirectives(true);
                if (directives.Count == 0) throw Unexpected();
                return new ScalarTypeDefinitionNode { Name = name, Directives = directives, IsExtension = true, Location = Loc(start) };
            }
            case "type":
            case "interface":
            {
                var interfaces = ParseImplementsInterfaces();
                var directives = ParseDirectives(true);
                var fields = ParseFieldsDefinition();
                if (interfaces.Count == 0 && directives.Count == 0 && fields.Count == 0) throw Unexpected();
                if (keyword == "type")
                {
                    return new ObjectTypeDefinitionNode
                    {
                        Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, IsExtension = true,
                        Location = Loc(start),
                    };
                }

                return new InterfaceTypeDefinitionNode
                {
                    Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, IsExtension = true,
                    Location = Loc(start),
                };
            }
            case "union":
            {
                var directives = ParseDirectives(true);
                var types = ParseUnionMemberTypes();
                if (directives.Count == 0 && types.Count == 0) throw Unexpected();
                return new UnionTypeDefinitionNode { Name = name, Directives = directives, Types = types, IsExtension = true, Location = Loc(start) };
            }
            case "enum":
            {
                var directives = ParseDirectives(true);
                var values = ParseEnumValuesDefinition();
                if (directives.Count == 0 && values.Count == 0) throw Unexpected();
                return new EnumTypeDefinitionNode { Name = name, Directives = directives, Values = values, IsExtension = true, Location = Loc(start) };
            }
            default:
            {
                var directives = ParseDirectives(true);
                var fields = ParseInputFieldsDefinition();
                if (directives.Count == 0 && fields.Count == 0) throw Unexpected();
                return new InputObjectTypeDefinitionNode { Name = name, Directives = directives, Fields = fields, IsExtension = true, Location = Loc(start) };
            }
        }
    }

    private static readonly HashSet<string> DirectiveLocations =
    [
        "QUERY", "MUTATION", "SUBSCRIPTION", "FIELD", "FRAGMENT_DEFINITION", "FRAGMENT_SPREAD", "INLINE_FRAGMENT",
        "VARIABLE_DEFINITION", "SCHEMA", "SCALAR", "OBJECT", "FIELD_DEFINITION", "ARGUMENT_DEFINITION", "INTERFACE",
        "UNION", "ENUM", "ENUM_VALUE", "INPUT_OBJECT", "INPUT_FIELD_DEFINITION",
    ];

    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        var start = Tok;
        var description = ParseDescription();
        ExpectKeyword("directive");
        ExpectToken(TokenKind.At);
        var name = ParseName();
        var args = ParseArgumentDefs();
        var repeatable = ExpectOptionalKeyword("repeatable");
        ExpectKeyword("on");
        ExpectOptionalToken(TokenKind.Pipe);
        var locations = new List<NameNode>();
        do
        {
            var locStart = Tok;
            var location = ParseName();
            if (!DirectiveLocations.Contains(location.Value)) throw Unexpected(locStart);
            locations.Add(location);
        }
        while (ExpectOptionalToken(TokenKind.Pipe));

        return new DirectiveDefinitionNode
        {
            Description = description, Name = name, Arguments = args, Repeatable = repeatable, Locations = locations,
            Location = Loc(start),
        };
    }
}
