using System.ComponentModel.DataAnnotations;

namespace CoachingPlatform.Api.Infrastructure.Security;

/// <summary>Cross-origin access (section <c>Cors</c>): which browser origins may call the API.</summary>
public sealed class PlatformCorsOptions : IValidatableObject
{
    public const string SectionName = "Cors";

    /// <summary>
    /// Origins (<c>scheme://host[:port]</c>) of the frontends allowed to call the API from a browser.
    /// Empty (the default) means no cross-origin access at all.
    /// </summary>
    public string[] AllowedOrigins { get; set; } = [];

    /// <summary>The configured origins without a trailing slash (a browser never sends one).</summary>
    public IEnumerable<string> NormalizedOrigins => AllowedOrigins.Select(o => o.Trim().TrimEnd('/'));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var origin in NormalizedOrigins)
        {
            // A wildcard or a URL with a path would either open the API to every site or silently match nothing.
            var valid = Uri.TryCreate(origin, UriKind.Absolute, out var uri)
                        && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)
                        && string.Equals(uri.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
            if (!valid)
            {
                yield return new ValidationResult(
                    $"'{origin}' is not an origin: use scheme://host[:port] without path or wildcard, e.g. https://app.example.com.",
                    [nameof(AllowedOrigins)]);
            }
        }
    }
}
