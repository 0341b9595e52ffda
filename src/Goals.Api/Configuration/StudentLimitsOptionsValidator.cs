using Microsoft.Extensions.Options;

namespace Goals.Api.Configuration;

/// <summary>A limit below 1 would refuse every create: refused at start-up instead.</summary>
public sealed class StudentLimitsOptionsValidator : IValidateOptions<StudentLimitsOptions>
{
    public ValidateOptionsResult Validate(string? name, StudentLimitsOptions limits)
    {
        var failures = new List<string>();
        AtLeastOne(limits.MaxGoalsPerStudent, nameof(limits.MaxGoalsPerStudent));
        AtLeastOne(limits.MaxTasksPerGoal, nameof(limits.MaxTasksPerGoal));
        AtLeastOne(limits.MaxNotesPerGoal, nameof(limits.MaxNotesPerGoal));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);

        void AtLeastOne(int value, string property)
        {
            if (value < 1) failures.Add($"{StudentLimitsOptions.Section}:{property} must be a whole number of at least 1 (it is {value}).");
        }
    }
}
