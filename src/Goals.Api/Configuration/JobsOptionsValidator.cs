using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>Refuses job settings that would never run a job, spin, or sign links with a guessable key.</summary>
public sealed class JobsOptionsValidator : IValidateOptions<JobsOptions>
{
    public ValidateOptionsResult Validate(string? name, JobsOptions jobs)
    {
        var failures = new List<string>();
        AtLeast(jobs.MaxAttempts, 1, nameof(jobs.MaxAttempts));
        AtLeast(jobs.LeaseSeconds, 1, nameof(jobs.LeaseSeconds));
        AtLeast(jobs.BackoffSeconds, 0, nameof(jobs.BackoffSeconds));
        AtLeast(jobs.LinkMinutes, 1, nameof(jobs.LinkMinutes));
        AtLeast(jobs.RepublishAfterSeconds, 0, nameof(jobs.RepublishAfterSeconds));
        AtLeast(jobs.SweepIntervalSeconds, 0, nameof(jobs.SweepIntervalSeconds));
        AtLeast(jobs.MaxInlineImportChars, 1, nameof(jobs.MaxInlineImportChars));
        AtLeast(jobs.ChunkRows, 1, nameof(jobs.ChunkRows));
        AtLeast(jobs.ChunkPauseMilliseconds, 0, nameof(jobs.ChunkPauseMilliseconds));
        if (!string.IsNullOrEmpty(jobs.LinkSigningKey) && jobs.LinkSigningKey.Length < JobsOptions.MinimumLinkSigningKeyChars)
            failures.Add($"{Key(nameof(jobs.LinkSigningKey))} must have at least {JobsOptions.MinimumLinkSigningKeyChars} characters.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void AtLeast(int value, int minimum, string property)
        {
            if (value < minimum) failures.Add($"{Key(property)} must be a whole number of at least {minimum} (it is {value}).");
        }
    }

    private static string Key(string property) => $"{JobsOptions.Section}:{property}";
}
