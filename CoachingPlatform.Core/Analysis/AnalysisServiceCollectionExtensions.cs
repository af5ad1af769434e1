using CoachingPlatform.Core.Analysis.Local;
using CoachingPlatform.Core.Analysis.OpenAI;
using CoachingPlatform.Core.FollowUps;
using CoachingPlatform.Core.Jobs;
using CoachingPlatform.Core.Templates;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CoachingPlatform.Core.Analysis;

public static partial class AnalysisServiceCollectionExtensions
{
    /// <summary>
    /// The analysis stage: the OpenAI-compatible analyser when <c>AI:OpenAI:ApiKey</c> is set, otherwise the local one
    /// (deterministic rules and MiniLM sentence embeddings, no network); templates and follow-up drafting; the
    /// <c>sessions.analyse</c> job handler. The choice is logged at start-up.
    /// </summary>
    public static IHostApplicationBuilder AddAnalysis(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<AnalysisOptions>()
            .BindConfiguration(AnalysisOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        var provider = builder.AddOpenAiAnalysis() ? "openai" : "local";
        // Local embeddings serve search whichever analyser summarises, so they are always available.
        builder.Services.TryAddSingleton<ILocalEmbedder, MiniLmEmbedder>();
        if (provider == "local")
        {
            builder.Services.TryAddSingleton<IParticipantAnalyzer>(sp => new LocalParticipantAnalyzer(sp.GetRequiredService<ILocalEmbedder>()));
            builder.Services.TryAddSingleton<IEmbeddingGenerator<string, Embedding<float>>, LocalEmbeddingGenerator>();
        }

        builder.Services.AddTemplates();
        builder.Services.TryAddScoped<IAnalysisCompletion, FollowUpDraftCompletion>();
        builder.Services.AddJobHandler<AnalyseSessionJob, AnalyseSessionHandler>();
        builder.Services.AddHostedService(sp => new AnalyzerChoiceLog(provider, sp.GetRequiredService<ILogger<AnalyzerChoiceLog>>()));
        return builder;
    }

    /// <summary>Says once, at start-up, which analyser this process uses.</summary>
    internal sealed partial class AnalyzerChoiceLog(string provider, ILogger<AnalyzerChoiceLog> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogChoice(logger, provider);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(1, LogLevel.Information, "Participant analysis uses the {Provider} analyser")]
        private static partial void LogChoice(ILogger logger, string provider);
    }
}
