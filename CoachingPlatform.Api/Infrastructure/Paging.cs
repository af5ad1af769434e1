using System.ComponentModel.DataAnnotations;
using CoachingPlatform.Core.Identity;

namespace CoachingPlatform.Api.Infrastructure;

/// <summary>The list response shape of every collection endpoint: <c>{ items, page, pageSize, total }</c>.</summary>
public sealed record PagedResponse<T>(IReadOnlyList<T> Items, int Page, int PageSize, int Total);

public static class PagedResponse
{
    public static PagedResponse<T> From<TSource, T>(Page<TSource> page, Func<TSource, T> map) =>
        new(page.Items.Select(map).ToList(), page.PageNumber, page.PageSize, page.Total);
}

/// <summary>Paging query parameters: <c>page</c> from 1, <c>pageSize</c> 1–100 (default 20).</summary>
public sealed record PageQuery([Range(1, int.MaxValue)] int Page = 1, [Range(1, 100)] int PageSize = 20);
