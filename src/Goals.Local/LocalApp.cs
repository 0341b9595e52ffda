using Goals.Api.Configuration;
using Goals.Api.Hosting;
using Goals.Local.Ide;

namespace Goals.Local;

/// <summary>What the local run adds to <see cref="GoalsApp"/>: the GraphQL IDE, and job files under &lt;repo&gt;/.data/jobs.</summary>
public static class LocalApp
{
    private const string JobFilesDirectoryKey = JobsOptions.Section + ":" + nameof(JobsOptions.FilesDirectory);

    public static void ConfigureServices(WebApplicationBuilder builder)
    {
        if (string.IsNullOrEmpty(builder.Configuration[JobFilesDirectoryKey]) && RepositoryRoot.Find() is { } root)
            builder.Configuration[JobFilesDirectoryKey] = Path.Combine(root, ".data", "jobs");
        GoalsApp.ConfigureServices(builder);
        builder.Services.AddGraphQLIde();
    }

    /// <summary>Banana Cake Pop at GET /graphql (see <see cref="IdeAssets"/>).</summary>
    public static IServiceCollection AddGraphQLIde(this IServiceCollection services) => services.AddSingleton<IGraphQLIde, IdeAssets>();
}
