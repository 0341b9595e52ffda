using System.Collections;
using System.Globalization;
using System.Reflection;
using Goals.Api.Hosting;
using Goals.Data;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Goals.Api.Tests.Configuration;

/// <summary>
/// The configuration keys the app understands, read off its options classes (every public class named *Options in
/// Goals.Api and Goals.Data with a <c>Section</c> constant; one key per settable property) plus the connection string.
/// </summary>
internal static class OptionsCatalog
{
    public static IReadOnlyList<Type> OptionsTypes { get; } =
        new[] { typeof(GoalsApp).Assembly, typeof(DatabaseOptions).Assembly }
            .SelectMany(a => a.GetExportedTypes())
            .Where(t => t.IsClass && t.Name.EndsWith("Options", StringComparison.Ordinal) && SectionOf(t) is not null)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

    /// <summary>Key (as written in appsettings, `Section:Property`) → the options type and property that bind it.</summary>
    public static IReadOnlyDictionary<string, (Type Type, PropertyInfo Property)> Keys { get; } =
        OptionsTypes
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.SetMethod is { IsPublic: true })
                .Select(p => (Key: $"{SectionOf(t)}:{p.Name}", Type: t, Property: p)))
            .ToDictionary(k => k.Key, k => (k.Type, k.Property), StringComparer.OrdinalIgnoreCase);

    /// <summary>Every key a deployment or a developer may set: the options' keys and `ConnectionStrings:Goals`.</summary>
    public static IReadOnlyList<string> AllKeys { get; } = Keys.Keys.Append(DatabaseOptions.ConnectionStringKey).Order(StringComparer.Ordinal).ToList();

    public static string? SectionOf(Type type) =>
        type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field ? (string?)field.GetRawConstantValue() : null;

    /// <summary>A bound value as configuration spells it (invariant numbers, lower-case booleans); empty collections as null.</summary>
    public static string? Format(object? value) => value switch
    {
        null => null,
        bool flag => flag ? "true" : "false",
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        ICollection { Count: 0 } => null,
        _ => value.ToString(),
    };

    /// <summary>The environment-variable spelling configuration reads: <c>Auth:Issuer</c> ↔ <c>Auth__Issuer</c>.</summary>
    public static string ToKey(string environmentVariable) => environmentVariable.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>
    /// The services of the app (GoalsApp.ConfigureServices) over <paramref name="settings"/>, in Production. Nothing is
    /// started and nothing connects.
    /// </summary>
    public static ServiceProvider AppServices(IDictionary<string, string?> settings, Action<IServiceCollection>? configureServices = null)
    {
        var builder = GoalsApp.CreateBuilder([], "Production");
        builder.Configuration.AddInMemoryCollection(settings);
        GoalsApp.ConfigureServices(builder);
        configureServices?.Invoke(builder.Services);
        return builder.Services.BuildServiceProvider();
    }

    /// <summary>
    /// What the app's own registrations (its IConfigureOptions/IPostConfigureOptions of <paramref name="type"/>) make of
    /// the configuration, without validating it: the binding alone.
    /// </summary>
    public static object Bind(IServiceProvider services, Type type)
    {
        var options = Activator.CreateInstance(type)!;
        var configure = typeof(IConfigureOptions<>).MakeGenericType(type);
        foreach (var step in services.GetServices(configure)) configure.GetMethod("Configure")!.Invoke(step, [options]);
        var postConfigure = typeof(IPostConfigureOptions<>).MakeGenericType(type);
        foreach (var step in services.GetServices(postConfigure)) postConfigure.GetMethod("PostConfigure")!.Invoke(step, [Options.DefaultName, options]);
        return options;
    }
}
