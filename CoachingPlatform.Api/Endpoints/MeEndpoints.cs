using System.ComponentModel.DataAnnotations;
using CoachingPlatform.Api.Infrastructure;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CoachingPlatform.Api.Endpoints;

/// <summary>The signed-in coach's own account.</summary>
public static class MeEndpoints
{
    public static RouteGroupBuilder MapMeEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/me").WithTags("Me");
        group.MapGet("/", GetMe).WithSummary("The signed-in coach");
        group.MapPut("/notification-preferences", PutNotificationPreferences)
            .WithSummary("Set how the coach is notified")
            .WithDescription("Immediate or a daily digest, optional quiet hours (both ends or neither) in an IANA time zone.");
        group.MapPut("/voice-profile", PutVoiceProfile)
            .WithSummary("Set the coach's voice profile")
            .WithDescription("Tone, characteristic phrases and sign-off that steer follow-up drafts.");
        return api;
    }

    private static async Task<Ok<MeResponse>> GetMe(CoachService coaches, CancellationToken cancellationToken)
    {
        var (coach, organization) = await coaches.GetMeAsync(cancellationToken);
        return TypedResults.Ok(MeResponse.From(coach, organization));
    }

    private static async Task<Results<Ok<NotificationPreferencesDto>, ProblemHttpResult>> PutNotificationPreferences(
        NotificationPreferencesDto request, CoachService coaches, CancellationToken cancellationToken)
    {
        if (request.QuietHoursStart.HasValue != request.QuietHoursEnd.HasValue)
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Invalid quiet hours", "Give both quietHoursStart and quietHoursEnd, or neither.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(request.TimeZone, out _))
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Unknown time zone", "timeZone must be an IANA time zone such as Europe/London.");
        }

        var coach = await coaches.UpdateNotificationPreferencesAsync(new NotificationPreferences
        {
            Mode = request.Mode,
            QuietHoursStart = request.QuietHoursStart,
            QuietHoursEnd = request.QuietHoursEnd,
            TimeZone = request.TimeZone,
        }, cancellationToken);
        return TypedResults.Ok(NotificationPreferencesDto.From(coach.NotificationPreferences));
    }

    private static async Task<Results<Ok<VoiceProfileDto>, ProblemHttpResult>> PutVoiceProfile(
        VoiceProfileDto request, CoachService coaches, CancellationToken cancellationToken)
    {
        var phrases = request.Phrases ?? [];
        if (phrases.Count > 20 || phrases.Any(p => string.IsNullOrWhiteSpace(p) || p.Length > 200))
        {
            return Problems.Create(400, ErrorCodes.ValidationFailed, "Invalid phrases", "Give at most 20 non-empty phrases of up to 200 characters.");
        }

        var coach = await coaches.UpdateVoiceProfileAsync(
            new VoiceProfile { Tone = request.Tone, Phrases = [.. phrases], SignOff = request.SignOff }, cancellationToken);
        return TypedResults.Ok(VoiceProfileDto.From(coach.VoiceProfile));
    }
}

public sealed record OrganizationRef(Guid Id, string Name);

public sealed record MeResponse(
    Guid Id, string Email, string Name, CoachRole Role, OrganizationRef Organization, Guid? LeadId,
    VoiceProfileDto VoiceProfile, NotificationPreferencesDto NotificationPreferences, DateTimeOffset? LastLoginAt)
{
    public static MeResponse From(Coach coach, Organization organization) => new(
        coach.Id, coach.Email, coach.Name, coach.Role, new OrganizationRef(organization.Id, organization.Name), coach.LeadId,
        VoiceProfileDto.From(coach.VoiceProfile), NotificationPreferencesDto.From(coach.NotificationPreferences), coach.LastLoginAt);
}

public sealed record NotificationPreferencesDto(
    NotificationMode Mode, TimeOnly? QuietHoursStart, TimeOnly? QuietHoursEnd, [Required, MaxLength(64)] string TimeZone)
{
    public static NotificationPreferencesDto From(NotificationPreferences p) => new(p.Mode, p.QuietHoursStart, p.QuietHoursEnd, p.TimeZone);
}

public sealed record VoiceProfileDto([MaxLength(200)] string? Tone, List<string>? Phrases, [MaxLength(200)] string? SignOff)
{
    public static VoiceProfileDto From(VoiceProfile p) => new(p.Tone, [.. p.Phrases], p.SignOff);
}
