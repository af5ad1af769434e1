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
/// <remarks>
/// A class with nullable properties, not a positional record: absent values then take the defaults below, and the
/// OpenAPI generator copes (it throws on positional records with validation attributes under [AsParameters]).
/// </remarks>
public sealed class PageQuery
{
    [Range(1, int.MaxValue)]
    public int? Page { get; init; }

    [Range(1, 100)]
    public int? PageSize { get; init; }

    public int PageNumber => Page ?? 1;

    public int Size => PageSize ?? 20;
}
