namespace CoachingPlatform.AppHost;

internal static class ProjectExtensions
{
    /// <summary>
    /// Passes the optional secret parameter <c>seed-password</c> (Parameters:seed-password) to the Development seed;
    /// without it the seed uses the documented default.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithDevelopmentSeedPassword(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        if (!string.IsNullOrEmpty(builder.Configuration["Parameters:seed-password"]))
        {
            project.WithEnvironment("Seed__Password", builder.AddParameter("seed-password", secret: true));
        }

        return project;
    }

    /// <summary>
    /// The access-token signing key: the secret parameter <c>jwt-signing-key</c>, generated once and kept in the
    /// AppHost's user secrets when not given, so every API replica (and every restart) signs with the same key.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithJwtSigningKey(this IResourceBuilder<ProjectResource> project)
    {
        var key = project.ApplicationBuilder.AddParameter(
            "jwt-signing-key", new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);
        return project.WithEnvironment("Auth__SigningKey", key);
    }

    /// <summary>
    /// The key of the client email lookup hash: the secret parameter <c>protection-lookup-key</c>, generated once and kept
    /// in the AppHost's user secrets when not given. Api and worker must hash with the same key, so every project that
    /// calls this gets the one parameter (created by the first call).
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithProtectionLookupKey(this IResourceBuilder<ProjectResource> project)
    {
        const string name = "protection-lookup-key";
        var builder = project.ApplicationBuilder;
        var key = builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name) is { } existing
            ? builder.CreateResourceBuilder(existing)
            : builder.AddParameter(name, new GenerateParameterDefault { MinLength = 64, Special = false }, secret: true, persist: true);
        return project.WithEnvironment("Protection__LookupKey", key);
    }

    /// <summary>
    /// The optional OpenAI-compatible provider: secret parameter <c>openai-api-key</c> and parameters
    /// <c>openai-endpoint</c> and <c>openai-model</c> (Parameters:openai-*). Without a key nothing is passed and the
    /// services use the local analyser, so the platform runs with no key at all.
    /// </summary>
    public static IResourceBuilder<ProjectResource> WithOptionalOpenAi(this IResourceBuilder<ProjectResource> project)
    {
        var builder = project.ApplicationBuilder;
        if (string.IsNullOrEmpty(builder.Configuration["Parameters:openai-api-key"]))
        {
            return project;
        }

        ParameterResource Parameter(string name, bool secret) =>
            builder.Resources.OfType<ParameterResource>().FirstOrDefault(p => p.Name == name)
            ?? builder.AddParameter(name, secret: secret).Resource;

        project.WithEnvironment("AI__OpenAI__ApiKey", Parameter("openai-api-key", secret: true));
        if (!string.IsNullOrEmpty(builder.Configuration["Parameters:openai-endpoint"]))
        {
            project.WithEnvironment("AI__OpenAI__Endpoint", Parameter("openai-endpoint", secret: false));
        }

        if (!string.IsNullOrEmpty(builder.Configuration["Parameters:openai-model"]))
        {
            project.WithEnvironment("AI__OpenAI__ChatModel", Parameter("openai-model", secret: false));
        }

        return project;
    }
}
