using System.Security.Claims;
using CoachingPlatform.Core.Data;
using CoachingPlatform.Core.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.EntityFrameworkCore;

namespace CoachingPlatform.Api.Hubs;

/// <summary>
/// The coach web app's real-time channel at <c>/hubs/coaching</c>. Every connection joins its coach's group and
/// receives events for that coach's sessions (<c>SessionStatusChanged</c>, ...) from whichever replica produced them.
/// </summary>
[Authorize]
public sealed class CoachingHub(CoachingDbContext db) : Hub
{
    public const string Path = "/hubs/coaching";

    public static string CoachGroup(Guid coachId) => $"coach:{coachId:N}";

    public static string SessionGroup(Guid sessionId) => $"session:{sessionId:N}";

    public override async Task OnConnectedAsync()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, CoachGroup(CoachId));
        await base.OnConnectedAsync();
    }

    /// <summary>Also receive the events of one session (a lead supervising a team member's session).</summary>
    public async Task JoinSession(Guid sessionId)
    {
        // Hub calls run outside the HTTP request, so the tenant and team are checked from the connection's claims.
        var org = Guid.Parse(Context.User!.FindFirstValue(PlatformClaims.Organization)!);
        var role = Enum.Parse<CoachRole>(Context.User!.FindFirstValue(PlatformClaims.Role)!);
        var me = CoachId;
        var owner = await db.Sessions.IgnoreQueryFilters()
            .Where(s => s.Id == sessionId && s.OrganizationId == org && s.DeletedAt == null
                        && (role == CoachRole.Admin || s.CoachId == me || (role == CoachRole.CoachLead && s.Coach.LeadId == me)))
            .Select(s => (Guid?)s.CoachId)
            .FirstOrDefaultAsync(Context.ConnectionAborted);
        if (owner is null)
        {
            throw new HubException("Session not found.");
        }

        if (owner == me)
        {
            return; // the coach's own sessions already reach them through their coach group
        }

        await Groups.AddToGroupAsync(Context.ConnectionId, SessionGroup(sessionId));
    }

    private Guid CoachId => Guid.Parse(Context.User!.FindFirstValue(PlatformClaims.Subject)!);
}
