using System.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CoachingPlatform.Tests.Integration.Data;

/// <summary>
/// Compares entities through the EF Core model rather than a hand-written list of properties, so a property added
/// later is compared (and must be populated) without anyone remembering to extend the test.
/// </summary>
internal static class EntityAssert
{
    /// <summary>Loads the row with the same primary key as <paramref name="written"/> (owned JSON content included).</summary>
    public static async Task<object?> FindAsync(DbContext db, object written)
    {
        var type = db.Model.FindEntityType(written.GetType())
            ?? throw new InvalidOperationException($"{written.GetType().Name} is not in the model.");
        var key = type.FindPrimaryKey()!.Properties.Select(p => p.PropertyInfo!.GetValue(written)).ToArray();
        return await db.FindAsync(written.GetType(), key);
    }

    /// <summary>Every mapped CLR property and owned navigation whose read-back value differs from the written one.</summary>
    public static List<string> Differences(IEntityType type, object expected, object actual)
    {
        var differences = new List<string>();
        CollectDifferences(type, expected, actual, type.ClrType.Name, differences);
        return differences;
    }

    /// <summary>
    /// Every mapped CLR property that is null, empty or its type's default, recursively through owned content.
    /// A round-trip case that leaves a column at its default would not notice the column being dropped or mis-mapped.
    /// </summary>
    public static List<string> Unpopulated(IEntityType type, object entity)
    {
        var missing = new List<string>();
        CollectUnpopulated(type, entity, type.ClrType.Name, missing);
        return missing;
    }

    private static void CollectDifferences(IEntityType type, object expected, object actual, string path, List<string> differences)
    {
        foreach (var property in MappedProperties(type))
        {
            var written = property.PropertyInfo!.GetValue(expected);
            var read = property.PropertyInfo.GetValue(actual);
            if (!ValuesEqual(written, read))
            {
                differences.Add($"{path}.{property.Name}: wrote {Show(written)}, read {Show(read)}");
            }
        }

        foreach (var navigation in OwnedNavigations(type))
        {
            var name = $"{path}.{navigation.Name}";
            var written = navigation.PropertyInfo!.GetValue(expected);
            var read = navigation.PropertyInfo.GetValue(actual);
            if (written is null || read is null)
            {
                if (written is not null || read is not null)
                {
                    differences.Add($"{name}: wrote {Show(written)}, read {Show(read)}");
                }

                continue;
            }

            if (!navigation.IsCollection)
            {
                CollectDifferences(navigation.TargetEntityType, written, read, name, differences);
                continue;
            }

            var writtenItems = ((IEnumerable)written).Cast<object>().ToList();
            var readItems = ((IEnumerable)read).Cast<object>().ToList();
            if (writtenItems.Count != readItems.Count)
            {
                differences.Add($"{name}: wrote {writtenItems.Count} items, read {readItems.Count}");
                continue;
            }

            for (var i = 0; i < writtenItems.Count; i++)
            {
                CollectDifferences(navigation.TargetEntityType, writtenItems[i], readItems[i], $"{name}[{i}]", differences);
            }
        }
    }

    private static void CollectUnpopulated(IEntityType type, object entity, string path, List<string> missing)
    {
        foreach (var property in MappedProperties(type))
        {
            var value = property.PropertyInfo!.GetValue(entity);
            if (IsEmpty(value))
            {
                missing.Add($"{path}.{property.Name} is {Show(value)}");
            }
        }

        foreach (var navigation in OwnedNavigations(type))
        {
            var name = $"{path}.{navigation.Name}";
            var value = navigation.PropertyInfo!.GetValue(entity);
            var items = value switch
            {
                null => [],
                IEnumerable collection when navigation.IsCollection => collection.Cast<object>().ToList(),
                _ => [value],
            };
            if (items.Count == 0)
            {
                missing.Add($"{name} is empty");
            }

            for (var i = 0; i < items.Count; i++)
            {
                CollectUnpopulated(navigation.TargetEntityType, items[i], navigation.IsCollection ? $"{name}[{i}]" : name, missing);
            }
        }
    }

    // Shadow properties (keys and ordinals EF Core invents for JSON-owned types) have no CLR value to compare.
    private static IEnumerable<IProperty> MappedProperties(IEntityType type) =>
        type.GetProperties().Where(p => !p.IsShadowProperty() && p.PropertyInfo is not null);

    private static IEnumerable<INavigation> OwnedNavigations(IEntityType type) =>
        type.GetNavigations().Where(n => !n.IsOnDependent && n.ForeignKey.IsOwnership);

    private static bool IsEmpty(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        IEnumerable sequence => !sequence.Cast<object?>().Any(),
        _ when value.GetType().IsValueType => value.Equals(Activator.CreateInstance(value.GetType())),
        _ => false,
    };

    private static bool ValuesEqual(object? expected, object? actual)
    {
        switch (expected, actual)
        {
            case (null, null):
                return true;
            case (null, _) or (_, null):
                return false;
            case (string e, string a):
                return string.Equals(e, a, StringComparison.Ordinal);
            case (IEnumerable e, IEnumerable a):
                var writtenItems = e.Cast<object?>().ToList();
                var readItems = a.Cast<object?>().ToList();
                return writtenItems.Count == readItems.Count && writtenItems.Zip(readItems).All(p => ValuesEqual(p.First, p.Second));
            case (DateTimeOffset e, DateTimeOffset a):
                // DateTimeOffset.Equals ignores the offset; a round trip must keep it as well.
                return e.EqualsExact(a);
            default:
                return expected.Equals(actual);
        }
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => $"\"{s}\"",
        byte[] bytes => $"0x{Convert.ToHexString(bytes)}",
        DateTimeOffset d => d.ToString("O"),
        TimeOnly t => t.ToString("O"),
        IEnumerable sequence => $"[{string.Join(", ", sequence.Cast<object?>().Select(Show))}]",
        _ => value.ToString() ?? value.GetType().Name,
    };
}
