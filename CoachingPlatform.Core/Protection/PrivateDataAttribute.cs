using Microsoft.Extensions.Compliance.Classification;

namespace CoachingPlatform.Core.Protection;

/// <summary>
/// The platform's data taxonomy for redaction. Logs carry IDs only; a log parameter that could ever hold a value of
/// these classes is annotated (<see cref="PrivateDataAttribute"/>) and erased by the redactor before any sink sees it.
/// </summary>
public static class DataTaxonomy
{
    public const string Name = "CoachingPlatform";

    /// <summary>Personal data of clients and coaches: names, email addresses, transcript and summary text.</summary>
    public static DataClassification PrivateData { get; } = new(Name, nameof(PrivateData));
}

/// <summary>Marks a log parameter (or property) that may hold personal data; its value never reaches a log sink.</summary>
[AttributeUsage(AttributeTargets.Parameter | AttributeTargets.Property | AttributeTargets.Field | AttributeTargets.ReturnValue)]
public sealed class PrivateDataAttribute : DataClassificationAttribute
{
    public PrivateDataAttribute()
        : base(DataTaxonomy.PrivateData)
    {
    }
}
