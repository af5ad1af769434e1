namespace CoachingPlatform.Tests.Infrastructure;

/// <summary>Paths of the checkout the tests run from.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>Debug or Release: whatever the tests themselves were built as.</summary>
    public static string Configuration { get; } =
        new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string Project(string name) => Path.Combine(Root, name);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CoachingPlatform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("CoachingPlatform.sln not found above " + AppContext.BaseDirectory);
    }
}
