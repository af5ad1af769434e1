using CoachingPlatform.Core.Templates;

namespace CoachingPlatform.Tests.Unit.Templates;

public sealed class TemplateRendererTests
{
    [Fact]
    public void Render_Variables_AreSubstitutedWithOrWithoutSpaces()
    {
        var output = TemplateRenderer.Render("Hi {{firstName}}, from {{ coachName }}.", new TemplateValues().Text("firstName", "Maria").Text("coachName", "Avery"));

        Assert.Equal("Hi Maria, from Avery.", output);
    }

    [Fact]
    public void Render_Each_RepeatsTheBodyPerItem_AndElseWhenEmpty()
    {
        const string template = "{{#each wins}}[{{this}}]{{else}}none{{/each}}";

        Assert.Equal("[a][b]", TemplateRenderer.Render(template, new TemplateValues().List("wins", ["a", "b"])));
        Assert.Equal("none", TemplateRenderer.Render(template, new TemplateValues().List("wins", [])));
    }

    [Fact]
    public void Render_If_UsesTheBodyForNonEmptyValues_AndElseOtherwise()
    {
        const string template = "{{#if sessionTitle}}title: {{sessionTitle}}{{else}}untitled{{/if}}|{{#if wins}}has wins{{/if}}";

        Assert.Equal("title: Lab|has wins", TemplateRenderer.Render(template, new TemplateValues().Text("sessionTitle", "Lab").List("wins", ["x"])));
        Assert.Equal("untitled|", TemplateRenderer.Render(template, new TemplateValues().Text("sessionTitle", "  ").List("wins", [])));
    }

    [Fact]
    public void Render_BlockTagsAloneOnTheirLines_LeaveNoBlankLines()
    {
        const string template = "Intro\n{{#if wins}}\nWins:\n  {{#each wins}}\n- {{this}}\n  {{/each}}\n{{/if}}\nEnd";

        Assert.Equal("Intro\nWins:\n- a\n- b\nEnd", TemplateRenderer.Render(template, new TemplateValues().List("wins", ["a", "b"])));
        Assert.Equal("Intro\nEnd", TemplateRenderer.Render(template, new TemplateValues().List("wins", [])));
    }

    [Fact]
    public void Render_ListUsedAsText_RendersOneBulletPerLine()
    {
        Assert.Equal("- a\n- b", TemplateRenderer.Render("{{wins}}", new TemplateValues().List("wins", ["a", "", "b"])));
    }

    [Fact]
    public void Parse_ReturnsTheVariablesUsed_InOrderOfFirstUse()
    {
        var parsed = TemplateRenderer.Parse("{{greeting}} {{#each wins}}{{this}} {{firstName}}{{/each}}{{#if greeting}}{{/if}}");

        Assert.Equal(["greeting", "wins", "firstName"], parsed.Variables);
    }

    [Theory]
    [InlineData("Hello {{> partial}}", 1, 7)]
    [InlineData("a\nb {{client.name}}", 2, 3)]
    [InlineData("{{#with wins}}{{/with}}", 1, 1)]
    [InlineData("x {{{greeting}}}", 1, 3)]
    [InlineData("{{greeting", 1, 1)]
    [InlineData("{{greet\ning}}", 1, 1)]
    [InlineData("ok\n  {{#if wins}}never closed", 2, 3)]
    [InlineData("{{/if}}", 1, 1)]
    [InlineData("{{#if wins}}{{/each}}", 1, 13)]
    [InlineData("{{this}}", 1, 1)]
    [InlineData("{{else}}", 1, 1)]
    [InlineData("{{#if wins}}{{else}}{{else}}{{/if}}", 1, 21)]
    [InlineData("{{ }}", 1, 1)]
    [InlineData("{{greeting()}}", 1, 1)]
    public void Parse_UnknownOrBrokenSyntax_IsASyntaxErrorWithItsPosition(string content, int line, int column)
    {
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Parse(content));

        Assert.Equal(TemplateError.Syntax, error.Error);
        Assert.Equal(line, error.Line);
        Assert.Equal(column, error.Column);
        Assert.Contains($"Line {line}, column {column}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_VariableOutsideTheKindsCatalogue_IsRejectedWithNameAndPosition()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Validate("{{greeting}}\nDear {{password}} {{ssn}}", TemplateKind.Email));

        Assert.Equal(TemplateError.UnknownVariable, error.Error);
        Assert.Equal(["password", "ssn"], error.Variables);
        Assert.Equal((2, 6), (error.Line!.Value, error.Column!.Value));
    }

    [Theory]
    [InlineData(TemplateKind.Summary, "{{clientName}} {{coachName}} {{sessionDate}} {{sessionTitle}} {{narrative}} {{wins}} {{challenges}} {{actionItems}} {{recommendations}}")]
    [InlineData(TemplateKind.Email, "{{clientName}} {{wins}} {{subject}} {{priority}} {{signOff}} {{greeting}} {{firstName}} {{opening}} {{closing}}")]
    [InlineData(TemplateKind.Prompt, "{{sessionType}} {{coachName}} {{participantName}} {{organizationName}}")]
    public void Validate_CatalogueVariables_AreAccepted(TemplateKind kind, string content)
    {
        Assert.NotEmpty(TemplateRenderer.Validate(content, kind).Variables);
    }

    [Theory]
    [InlineData(TemplateKind.Summary, "{{greeting}}")]
    [InlineData(TemplateKind.Prompt, "{{#each wins}}{{this}}{{/each}}")]
    [InlineData(TemplateKind.Summary, "{{#if subject}}x{{/if}}")]
    public void Validate_AnotherKindsVariable_IsUnknown(TemplateKind kind, string content)
    {
        Assert.Equal(TemplateError.UnknownVariable, Assert.Throws<TemplateException>(() => TemplateRenderer.Validate(content, kind)).Error);
    }

    [Fact]
    public void Validate_EachOverATextVariable_IsRejected()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Validate("{{#each narrative}}{{this}}{{/each}}", TemplateKind.Summary));

        Assert.Equal(TemplateError.UnknownVariable, error.Error);
        Assert.Contains("not a list", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_MissingValue_IsAnErrorListingTheVariables()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("{{a}} {{#if b}}{{/if}} {{c}}", new TemplateValues().Text("c", "x")));

        Assert.Equal(TemplateError.MissingVariable, error.Error);
        Assert.Equal(["a", "b"], error.Variables);
    }

    [Fact]
    public void Render_OutputOverTheBound_IsAnError()
    {
        var items = Enumerable.Range(0, 2_000).Select(i => new string('x', 100)).ToList();

        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Render("{{#each wins}}{{this}}{{this}}{{/each}}", new TemplateValues().List("wins", items)));

        Assert.Equal(TemplateError.OutputTooLarge, error.Error);
    }

    [Fact]
    public void Render_ControlCharacters_AreStripped_NewlinesAndTabsKept()
    {
        var output = TemplateRenderer.Render("{{narrative}}", new TemplateValues().Text("narrative", "a\u0000b\u001b[31mc\u007f\u0085\u202Ed\r\ne\tf\rg"));

        Assert.Equal("ab[31mcd\ne\tf\ng", output);
    }

    [Fact]
    public void Render_ValuesContainingTemplateSyntax_AreNotExpanded()
    {
        // A value is data: a summary that says "{{wins}}" must not expand (no recursion, no injection).
        var output = TemplateRenderer.Render("{{narrative}}", new TemplateValues().Text("narrative", "{{wins}} {{#each wins}}{{this}}{{/each}}").List("wins", ["x"]));

        Assert.Equal("{{wins}} {{#each wins}}{{this}}{{/each}}", output);
    }

    [Fact]
    public void Parse_NestingPastTheBound_IsRejected_AtTheBoundItIsFine()
    {
        static string Nested(int depth) => string.Concat(Enumerable.Repeat("{{#if a}}", depth)) + "x" + string.Concat(Enumerable.Repeat("{{/if}}", depth));

        Assert.Equal("x", TemplateRenderer.Render(Nested(TemplateRenderer.MaxNesting), new TemplateValues().Text("a", "y")));
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Parse(Nested(TemplateRenderer.MaxNesting + 1)));
        Assert.Equal(TemplateError.Syntax, error.Error);
        Assert.Contains("nest", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ThousandsOfNestedBlocks_FailFastWithoutRecursion()
    {
        var content = string.Concat(Enumerable.Repeat("{{#each a}}", 2_000));

        Assert.Equal(TemplateError.Syntax, Assert.Throws<TemplateException>(() => TemplateRenderer.Parse(content)).Error);
    }

    [Fact]
    public void Parse_ContentOverTheLimit_IsRejected()
    {
        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Parse(new string('a', TemplateRenderer.MaxContentLength + 1)));

        Assert.Equal(TemplateError.Syntax, error.Error);
    }

    [Fact]
    public void Render_SingleBracesAndStrayClosers_AreLiteralText()
    {
        Assert.Equal("{ \"a\": 1 } }} x", TemplateRenderer.Render("{ \"a\": 1 } }} {{firstName}}", new TemplateValues().Text("firstName", "x")));
    }

    [Fact]
    public void Render_NestedEach_ThisIsTheInnermostItem()
    {
        var output = TemplateRenderer.Render("{{#each wins}}{{this}}:{{#each challenges}}{{this}}{{/each}};{{/each}}",
            new TemplateValues().List("wins", ["a", "b"]).List("challenges", ["1", "2"]));

        Assert.Equal("a:12;b:12;", output);
    }

    [Fact]
    public void SystemTemplates_AreValidForTheirKind_AndRenderWithSampleValues()
    {
        foreach (var template in SystemTemplates.All)
        {
            var output = TemplateRenderer.Render(template.Content, TemplateCatalogue.Samples(template.Kind));

            Assert.False(string.IsNullOrWhiteSpace(output), template.Name);
            Assert.DoesNotContain("{{", output, StringComparison.Ordinal);
            Assert.DoesNotContain("\n\n\n", output, StringComparison.Ordinal);
        }

        Assert.Equal(SystemTemplates.All.Count, SystemTemplates.All.Select(t => t.Id).Distinct().Count());
        foreach (var kind in Enum.GetValues<TemplateKind>())
        {
            Assert.Equal("group", SystemTemplates.Default(kind, "group").SessionType);
            Assert.Equal("individual", SystemTemplates.Default(kind, "individual").SessionType);
            Assert.Null(SystemTemplates.Default(kind, "grow-model").SessionType);
        }
    }

    [Fact]
    public void Render_NestedEmptyLoopsOverLongLists_StopsAtTheStepBudgetInsteadOfSpinning()
    {
        // Eight nested loops with nothing to write would be 100^8 iterations; the budget stops it at once.
        var template = string.Concat(Enumerable.Repeat("{{#each wins}}", 8)) + string.Concat(Enumerable.Repeat("{{/each}}", 8));
        var values = new TemplateValues().List("wins", Enumerable.Range(0, 100).Select(i => $"win {i}"));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = Assert.Throws<TemplateException>(() => TemplateRenderer.Render(template, values));

        Assert.Equal(TemplateError.OutputTooLarge, error.Error);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }
}
