using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Validation;

/// <summary>Shared state of one validation run: the schema, the document, the TypeInfo tracker and cached document facts.</summary>
internal sealed class ValidationContext
{
    private const int MaxErrors = 100;
    private int _remainingFragmentWork = 50_000;
    private Dictionary<string, FragmentDefinitionNode>? _fragments;
    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _fragmentSpreads = new();
    private readonly Dictionary<OperationDefinitionNode, List<FragmentDefinitionNode>> _recursiveFragments = new();
    private readonly Dictionary<ExecutableDefinitionNode, List<VariableUsage>> _variableUsages = new();
    private readonly Dictionary<OperationDefinitionNode, List<VariableUsage>> _recursiveVariableUsages = new();

    public ValidationContext(Schema schema, DocumentNode document)
    {
        Schema = schema;
        Document = document;
        TypeInfo = new TypeInfo(schema);
    }

    public Schema Schema { get; }
    public DocumentNode Document { get; }
    public TypeInfo TypeInfo { get; }
    public List<GraphQLError> Errors { get; } = [];

    /// <summary>The location of the directive being visited (set by the walker).</summary>
    public DirectiveLocation DirectiveLocation { get; set; }

    /// <summary>graphql-js hideSuggestions: no "Did you mean" lists (they reveal schema names).</summary>
    public bool HideSuggestions { get; init; }

    public List<string> Suggest(string input, IEnumerable<string> options) =>
        HideSuggestions ? [] : Suggestions.SuggestionList(input, options);

    /// <summary>True while the walker is inside a type system definition.</summary>
    public bool InSdl { get; set; }

    public void ReportError(string message, SyntaxNode node) => Report(message, [Loc(node)]);

    public void ReportError(string message, SyntaxNode node1, SyntaxNode node2) => Report(message, [Loc(node1), Loc(node2)]);

    public void ReportError(string message, IReadOnlyList<SyntaxNode> nodes)
    {
        var locations = new ErrorLocation[nodes.Count];
        for (var i = 0; i < locations.Length; i++) locations[i] = Loc(nodes[i]);
        Report(message, locations);
    }

    private static ErrorLocation Loc(SyntaxNode node) => new(node.Location.Line, node.Location.Column);

    private static readonly IReadOnlyDictionary<string, object?> ValidationExtensions =
        new Dictionary<string, object?> { ["code"] = ErrorCodes.ValidationFailed };

    public void Report(string message, ErrorLocation[]? locations)
    {
        if (Errors.Count >= MaxErrors)
        {
            Errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted.",
                extensions: ValidationExtensions));
            throw new ValidationAbortedException();
        }

        Errors.Add(new GraphQLError(message, locations, extensions: ValidationExtensions));
    }

    public void AddError(GraphQLError error)
    {
        if (Errors.Count >= MaxErrors)
        {
            Errors.Add(new GraphQLError("Too many validation errors, error limit reached. Validation aborted.",
                extensions: ValidationExtensions));
            throw new ValidationAbortedException();
        }

        Errors.Add(error);
    }

    public void SpendFragmentWork(int cost)
    {
        _remainingFragmentWork -= cost;
        if (_remainingFragmentWork < 0)
        {
            Errors.Add(new GraphQLError("Validation aborted.", extensions: ValidationExtensions));
            throw new ValidationAbortedException();
        }
    }

    public FragmentDefinitionNode? GetFragment(string name)
    {
        if (_fragments is null)
        {
            _fragments = new Dictionary<string, FragmentDefinitionNode>();
            foreach (var def in Document.Definitions)
                if (def is FragmentDefinitionNode f) _fragments[f.Name.Value] = f;
        }

        return _fragments.TryGetValue(name, out var fragment) ? fragment : null;
    }

    public bool HasFragments
    {
        get
        {
            GetFragment("");
            return _fragments!.Count > 0;
        }
    }

    /// <summary>Every fragment spread inside a selection set (graphql-js order: a stack of nested sets).</summary>
    private Stack<SelectionSetNode>? _setsToVisit;

    public List<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode node)
    {
        if (_fragmentSpreads.TryGetValue(node, out var spreads)) return spreads;
        spreads = [];
        var setsToVisit = _setsToVisit ??= new Stack<SelectionSetNode>();
        setsToVisit.Push(node);
        while (setsToVisit.Count > 0)
        {
            var set = setsToVisit.Pop();
            var selections = set.Selections;
            for (var i = 0; i < selections.Count; i++)
            {
                switch (selections[i])
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } ss }:
                        setsToVisit.Push(ss);
                        break;
                    case InlineFragmentNode inline:
                        setsToVisit.Push(inline.SelectionSet);
                        break;
                }
            }
        }

        _fragmentSpreads[node] = spreads;
        return spreads;
    }

    public List<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_recursiveFragments.TryGetValue(operation, out var fragments)) return fragments;
        fragments = CollectReferencedFragments([operation]);
        _recursiveFragments[operation] = fragments;
        return fragments;
    }

    public List<FragmentDefinitionNode> CollectReferencedFragments(IReadOnlyList<OperationDefinitionNode> operations)
    {
        var names = new List<string>();
        var seen = new HashSet<string>();
        foreach (var op in operations)
        {
            foreach (var spread in GetFragmentSpreads(op.SelectionSet))
                if (seen.Add(spread.Name.Value)) names.Add(spread.Name.Value);
        }

        var fragments = new List<FragmentDefinitionNode>();
        SpendFragmentWork(names.Count);
        for (var i = 0; i < names.Count; i++)
        {
            var fragment = GetFragment(names[i]);
            if (fragment is null) continue;
            fragments.Add(fragment);
            var spreads = GetFragmentSpreads(fragment.SelectionSet);
            SpendFragmentWork(spreads.Count);
            foreach (var spread in spreads)
                if (seen.Add(spread.Name.Value)) names.Add(spread.Name.Value);
        }

        return fragments;
    }

    public List<VariableUsage> GetVariableUsages(ExecutableDefinitionNode node)
    {
        if (_variableUsages.TryGetValue(node, out var usages)) return usages;
        usages = VariableUsageCollector.Collect(this, node);
        _variableUsages[node] = usages;
        return usages;
    }

    private bool? _hasVariables;
    private static readonly List<VariableUsage> NoUsages = [];

    public List<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        if (_recursiveVariableUsages.TryGetValue(operation, out var usages)) return usages;
        _hasVariables ??= VariableScanner.DocumentHasVariables(Document);
        if (!_hasVariables.Value) return NoUsages;
        var fragments = GetRecursivelyReferencedFragments(operation);
        SpendFragmentWork(fragments.Count);
        usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in fragments)
        {
            var local = GetVariableUsages(fragment);
            SpendFragmentWork(local.Count);
            usages.AddRange(local);
        }

        SpendFragmentWork(usages.Count);
        _recursiveVariableUsages[operation] = usages;
        return usages;
    }

    // ------------------------------------------------------------------ type helpers

    /// <summary>graphql-js getFieldDef: the schema's lookup, which includes the meta fields (__typename, __schema, __type).</summary>
    public static FieldDefinition? GetFieldDef(Schema schema, NamedType parentType, string fieldName) =>
        schema.GetFieldDefinition(parentType, fieldName);

    public static GraphQLType? TypeFromAst(Schema schema, TypeNode node) => node switch
    {
        NamedTypeNode named => schema.GetType(named.Name.Value),
        ListTypeNode list => TypeFromAst(schema, list.Type) is { } inner ? new ListType(inner) : null,
        NonNullTypeNode nn => TypeFromAst(schema, nn.Type) is { } inner and not NonNullType ? new NonNullType(inner) : null,
        _ => null,
    };

    public static bool IsInputType(GraphQLType? type) => type is not null && type.IsInputType;
    public static bool IsOutputType(GraphQLType? type) => type is not null && type.IsOutputType;
}
