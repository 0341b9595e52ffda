using Goals.Api.Hosting;
using Goals.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Goals.Api.Tests.Configuration;

/// <summary>
/// serverless.template ↔ the app's options: every variable the template sets lands in a property of an options class
/// (the app's own binding, not a list of names), every options class is validated at start-up, and the template's
/// environment alone is a configuration the app starts with; leaving any variable out either keeps a safe default
/// or stops the start with a message naming its key. (Template-only checks are in Goals.Lambda.Tests.)
/// </summary>
public sealed class DeploymentConfigurationTests
{
    [Theory]
    [MemberData(nameof(TemplateEnvironment.Names), MemberType = typeof(TemplateEnvironment))]
    public void Every_template_variable_binds_to_an_options_property(string variable)
    {
        var key = OptionsCatalog.ToKey(variable);
        var value = TemplateEnvironment.Resolved[variable];
        using var services = OptionsCatalog.AppServices(TemplateEnvironment.AsSettings());

        if (key.Equals(DatabaseOptions.ConnectionStringKey, StringComparison.OrdinalIgnoreCase))
        {
            Assert.Equal(value, DatabaseOptions.ConnectionString(services.GetRequiredService<IConfiguration>()));
            return;
        }

        Assert.True(OptionsCatalog.Keys.TryGetValue(key, out var target), $"{variable} ({key}) is not a property of any options class.");
        var bound = target.Property.GetValue(OptionsCatalog.Bind(services, target.Type));
        Assert.Equal(value, OptionsCatalog.Format(bound));
    }

    public static TheoryData<string> OptionsTypeNames()
    {
        var names = new TheoryData<string>();
        foreach (var type in OptionsCatalog.OptionsTypes) names.Add(type.Name);
        return names;
    }

    [Theory]
    [MemberData(nameof(OptionsTypeNames))]
    public void Every_options_class_is_bound_from_its_section_and_validated_at_start_up(string name)
    {
        var type = OptionsCatalog.OptionsTypes.Single(t => t.Name == name);
        var validator = typeof(IValidateOptions<>).MakeGenericType(type);
        using var services = OptionsCatalog.AppServices(TemplateEnvironment.AsSettings(),
            s => s.AddSingleton(validator, typeof(RefusesEverything<>).MakeGenericType(type)));

        Assert.NotEmpty(services.GetServices(typeof(IConfigureOptions<>).MakeGenericType(type)));
        Assert.True(services.GetServices(validator).Count() > 1, $"{name} has no validator of the app's own.");
        var failure = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());
        Assert.Contains(Messages(failure), m => m == RefusesEverything<object>.Message(type));
    }

    /// <summary>A validator that fails, added beside the app's: its message in the start-up failures proves the type is checked there.</summary>
    private sealed class RefusesEverything<T> : IValidateOptions<T>
        where T : class
    {
        public static string Message(Type type) => $"refused {type.Name}";

        public ValidateOptionsResult Validate(string? name, T options) => ValidateOptionsResult.Fail(Message(typeof(T)));
    }

    [Fact]
    public void The_template_environment_alone_is_a_valid_production_configuration()
    {
        using var app = Build(TemplateEnvironment.AsSettings());
        Assert.NotNull(app.Services.GetRequiredService<GoalsDataSource>());
    }

    [Theory]
    [MemberData(nameof(TemplateEnvironment.Names), MemberType = typeof(TemplateEnvironment))]
    public void Without_a_template_variable_the_app_keeps_a_safe_default_or_names_the_missing_key(string variable)
    {
        var key = OptionsCatalog.ToKey(variable);
        try
        {
            using var app = Build(TemplateEnvironment.AsSettings(without: variable));
            _ = app.Services.GetRequiredService<GoalsDataSource>();
        }
        catch (Exception failure)
        {
            var messages = Messages(failure);
            Assert.True(messages.Any(m => m.Contains(key, StringComparison.Ordinal)), $"Without {variable}: {string.Join(" | ", messages)}");
        }
    }

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = GoalsApp.CreateBuilder([], "Production");
        builder.WebHost.UseTestServer();
        builder.Configuration.AddInMemoryCollection(settings);
        GoalsApp.ConfigureServices(builder);
        return GoalsApp.Build(builder); // validates every options class
    }

    private static List<string> Messages(Exception exception) => exception switch
    {
        OptionsValidationException options => options.Failures.ToList(),
        AggregateException aggregate => aggregate.InnerExceptions.SelectMany(Messages).ToList(),
        _ => [exception.Message],
    };
}
