using Goals.Api.Auth;
using Goals.Data;

namespace Goals.Api.UseCases;

/// <summary>Opens the per-request <see cref="GoalsRequest"/>; one per process, holding what every request shares.</summary>
public sealed class GoalsRequestFactory(GoalsDataSource dataSource, GoalsUseCases useCases)
{
    /// <summary>A request with a new session of its own; the caller owns it and disposes it once nothing uses it any more.</summary>
    public GoalsRequest Open(StudentContext student) => new(student, dataSource.OpenSession(), useCases);
}
