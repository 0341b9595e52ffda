using Goals.GraphQL.Language;
using Goals.GraphQL.Types;

namespace Goals.GraphQL.Tests.Validation;

/// <summary>Builds test schemas with the engine's SchemaBuilder; every field reads dictionary sources (validation never resolves).</summary>
internal static class TestSchemaBuilder
{
    public static Schema Build(string sdl)
    {
        var builder = new SchemaBuilder().AddTypeDefinitions(sdl);
        foreach (var def in Parser.Parse(sdl).Definitions)
        {
            switch (def)
            {
                case ObjectTypeDefinitionNode { IsExtension: false } o:
                    builder.BindDefaultFieldResolver(o.Name.Value, SchemaBuilder.DictionaryResolver);
                    break;
                case InterfaceTypeDefinitionNode { IsExtension: false } i:
                    builder.BindTypeResolver(i.Name.Value, static (_, _) => null);
                    break;
                case UnionTypeDefinitionNode { IsExtension: false } u:
                    builder.BindTypeResolver(u.Name.Value, static (_, _) => null);
                    break;
            }
        }

        return builder.Build();
    }
}
