namespace Goals.GraphQL.Types;

/// <summary>graphql-js validateSchema: the type-system rules, every problem reported.</summary>
internal sealed class SchemaValidator(Schema schema, List<string> problems)
{
    private void Problem(string message) => problems.Add(message);

    public void Validate(IReadOnlyList<NamedType> definedTypes)
    {
        var cycles = new InputCycleDetector(this);
        foreach (var type in definedTypes)
        {
            switch (type)
            {
                case ObjectType obj:
                    ValidateFields(obj.Name, obj.Fields);
                    ValidateInterfaces(obj, obj.Name, obj.Interfaces);
                    break;
                case InterfaceType iface:
                    ValidateFields(iface.Name, iface.Fields);
                    ValidateInterfaces(iface, iface.Name, iface.Interfaces);
                    break;
                case UnionType union:
                    if (union.Types.Count == 0) Problem($"Union type {union.Name} must define one or more member types.");
                    break;
                case EnumType enumType:
                    if (enumType.Values.Count == 0) Problem($"Enum type {enumType.Name} must define one or more values.");
                    foreach (var value in enumType.Values.Values) ValidateName(value.Name);
                    break;
                case InputObjectType input:
                    if (input.Fields.Count == 0) Problem($"Input Object type {input.Name} must define one or more fields.");
                    foreach (var field in input.Fields.Values)
                    {
                        ValidateName(field.Name);
                        if (!field.Type.IsInputType)
                            Problem($"The type of {input.Name}.{field.Name} must be Input Type but got: {field.Type}.");
                        if (field.Type is NonNullType && !field.HasDefaultValue && field.IsDeprecated)
                            Problem($"Required input field {input.Name}.{field.Name} cannot be deprecated.");
                        if (input.IsOneOf)
                        {
                            if (field.Type is NonNullType) Problem($"OneOf input field {input.Name}.{field.Name} must be nullable.");
                            if (field.HasDefaultValue) Problem($"OneOf input field {input.Name}.{field.Name} cannot have a default value.");
                        }
                    }

                    cycles.Detect(input);
                    break;
            }
        }
    }

    private void ValidateName(string name)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
            Problem($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
    }

    private void ValidateFields(string typeName, IReadOnlyDictionary<string, FieldDefinition> fields)
    {
        if (fields.Count == 0) Problem($"Type {typeName} must define one or more fields.");
        foreach (var field in fields.Values)
        {
            ValidateName(field.Name);
            if (!field.Type.IsOutputType)
                Problem($"The type of {typeName}.{field.Name} must be Output Type but got: {field.Type}.");
            foreach (var arg in field.Arguments.Values)
            {
                ValidateName(arg.Name);
                if (!arg.Type.IsInputType)
                    Problem($"The type of {typeName}.{field.Name}({arg.Name}:) must be Input Type but got: {arg.Type}.");
                if (arg.Type is NonNullType && !arg.HasDefaultValue && arg.IsDeprecated)
                    Problem($"Required argument {typeName}.{field.Name}({arg.Name}:) cannot be deprecated.");
            }
        }
    }

    private void ValidateInterfaces(IFieldsContainer type, string typeName, IReadOnlyList<InterfaceType> interfaces)
    {
        foreach (var iface in interfaces)
        {
            if (ReferenceEquals(iface, type))
            {
                Problem($"Type {typeName} cannot implement itself because it would create a circular reference.");
                continue;
            }

            foreach (var transitive in iface.Interfaces)
            {
                if (!interfaces.Contains(transitive))
                {
                    Problem(ReferenceEquals(transitive, type)
                        ? $"Type {typeName} cannot implement {iface.Name} because it would create a circular reference."
                        : $"Type {typeName} must implement {transitive.Name} because it is implemented by {iface.Name}.");
                }
            }

            ValidateImplementsInterface(type, typeName, iface);
        }
    }

    private void ValidateImplementsInterface(IFieldsContainer type, string typeName, InterfaceType iface)
    {
        foreach (var ifaceField in iface.Fields.Values)
        {
            var fieldName = ifaceField.Name;
            if (!type.Fields.TryGetValue(fieldName, out var typeField))
            {
                Problem($"Interface field {iface.Name}.{fieldName} expected but {typeName} does not provide it.");
                continue;
            }

            if (!IsTypeSubTypeOf(typeField.Type, ifaceField.Type))
                Problem($"Interface field {iface.Name}.{fieldName} expects type {ifaceField.Type} but {typeName}.{fieldName} is type {typeField.Type}.");

            foreach (var ifaceArg in ifaceField.Arguments.Values)
            {
                var argName = ifaceArg.Name;
                if (!typeField.Arguments.TryGetValue(argName, out var typeArg))
                {
                    Problem($"Interface field argument {iface.Name}.{fieldName}({argName}:) expected but {typeName}.{fieldName} does not provide it.");
                    continue;
                }

                if (!IsEqualType(ifaceArg.Type, typeArg.Type))
                    Problem($"Interface field argument {iface.Name}.{fieldName}({argName}:) expects type {ifaceArg.Type} but {typeName}.{fieldName}({argName}:) is type {typeArg.Type}.");
            }

            foreach (var typeArg in typeField.Arguments.Values)
            {
                if (!ifaceField.Arguments.ContainsKey(typeArg.Name) && typeArg.Type is NonNullType && !typeArg.HasDefaultValue)
                    Problem($"Object field {typeName}.{fieldName} includes required argument {typeArg.Name} that is missing from the Interface field {iface.Name}.{fieldName}.");
            }
        }
    }

    public static bool IsEqualType(GraphQLType a, GraphQLType b) => (a, b) switch
    {
        _ when ReferenceEquals(a, b) => true,
        (NonNullType na, NonNullType nb) => IsEqualType(na.OfType, nb.OfType),
        (ListType la, ListType lb) => IsEqualType(la.OfType, lb.OfType),
        _ => false,
    };

    /// <summary>graphql-js isTypeSubTypeOf (covariant field types).</summary>
    public bool IsTypeSubTypeOf(GraphQLType maybeSubType, GraphQLType superType)
    {
        if (ReferenceEquals(maybeSubType, superType)) return true;
        if (superType is NonNullType superNonNull)
            return maybeSubType is NonNullType subNonNull && IsTypeSubTypeOf(subNonNull.OfType, superNonNull.OfType);
        if (maybeSubType is NonNullType nn) return IsTypeSubTypeOf(nn.OfType, superType);
        if (superType is ListType superList) return maybeSubType is ListType subList && IsTypeSubTypeOf(subList.OfType, superList.OfType);
        if (maybeSubType is ListType) return false;
        return superType is InterfaceType or UnionType && maybeSubType is NamedType named && (named is ObjectType or InterfaceType) &&
               schema.IsSubType((NamedType)superType, named);
    }

    private sealed class InputCycleDetector(SchemaValidator validator)
    {
        private readonly HashSet<string> _visited = [];
        private readonly List<InputValueDefinition> _fieldPath = [];
        private readonly Dictionary<string, int> _indexByType = [];

        public void Detect(InputObjectType input)
        {
            if (!_visited.Add(input.Name)) return;
            _indexByType[input.Name] = _fieldPath.Count;
            foreach (var field in input.Fields.Values)
            {
                if (field.Type is NonNullType { OfType: InputObjectType fieldType })
                {
                    _fieldPath.Add(field);
                    if (!_indexByType.TryGetValue(fieldType.Name, out var cycleIndex))
                    {
                        Detect(fieldType);
                    }
                    else
                    {
                        var path = string.Join(".", _fieldPath.Skip(cycleIndex).Select(f => f.Name));
                        validator.Problem($"Cannot reference Input Object \"{fieldType.Name}\" within itself through a series of non-null fields: \"{path}\".");
                    }

                    _fieldPath.RemoveAt(_fieldPath.Count - 1);
                }
            }

            _indexByType.Remove(input.Name);
        }
    }
}
