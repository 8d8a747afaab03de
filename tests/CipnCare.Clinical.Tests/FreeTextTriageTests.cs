using CipnCare.Clinical.Alerts;

namespace CipnCare.Clinical.Tests;

public sealed class FreeTextTriageTests
{
    [Theory]
    // Self-harm, in the many ways people say it.
    [InlineData("Some days I don't want to live like this anymore.", DangerKind.SelfHarm)]
    [InlineData("honestly i dont want to be here", DangerKind.SelfHarm)]
    [InlineData("I have thought about ending it all, I want to die.", DangerKind.SelfHarm)]
    [InlineData("I keep thinking my family would be better off without me.", DangerKind.SelfHarm)]
    [InlineData("Feeling suicidal since the last cycle.", DangerKind.SelfHarm)]
    [InlineData("I might kill myself if this pain goes on", DangerKind.SelfHarm)]
    [InlineData("I've been having thoughts of suicde.", DangerKind.SelfHarm)] // misspelt
    [InlineData("Sometimes I think about how to end my life.", DangerKind.SelfHarm)]
    [InlineData("I wish I was dead, the burning never stops.", DangerKind.SelfHarm)]
    [InlineData("I do not want to live with this numbness forever.", DangerKind.SelfHarm)]
    // Chest pain.
    [InlineData("Had chest pain on Tuesday night.", DangerKind.ChestPain)]
    [InlineData("Sharp pain in my chest when climbing stairs", DangerKind.ChestPain)]
    [InlineData("my chets pain came back", DangerKind.ChestPain)] // typo
    [InlineData("Tight chest and dizzy this morning.", DangerKind.ChestPain)]
    [InlineData("No headache, but chest pain since yesterday.", DangerKind.ChestPain)] // the negation belongs to the first clause
    // Cannot walk.
    [InlineData("I can't walk to the bathroom without help.", DangerKind.CannotWalk)]
    [InlineData("Dad cannot walk since Sunday", DangerKind.CannotWalk)]
    [InlineData("Her legs gave way in the kitchen.", DangerKind.CannotWalk)]
    [InlineData("unable to stand up this morning", DangerKind.CannotWalk)]
    // Fainted.
    [InlineData("I fainted in the shower.", DangerKind.Fainted)]
    [InlineData("He passed out after standing up from dinner.", DangerKind.Fainted)]
    [InlineData("fainetd twice this week", DangerKind.Fainted)] // typo
    [InlineData("Collapsed at the bus stop.", DangerKind.Fainted)]
    // Fell and hurt.
    [InlineData("I fell and hurt my knee on the stairs.", DangerKind.FellAndHurt)]
    [InlineData("Tripped on the rug and hit my head.", DangerKind.FellAndHurt)]
    [InlineData("Slipped in the garden and broke my wrist.", DangerKind.FellAndHurt)]
    // Breathing.
    [InlineData("I get short of breath walking to the car.", DangerKind.Breathing)]
    public void DangerSigns_AreFound(string text, DangerKind kind) =>
        Assert.Contains(FreeTextTriage.Assess(text), s => s.Kind == kind);

    [Theory]
    [InlineData("No chest pain, just the tingling.")]
    [InlineData("I did not faint but felt dizzy.")]
    [InlineData("I have never fainted.")]
    [InlineData("Didn't fall this week, walking with my stick.")]
    [InlineData("I'm not suicidal, just tired of the numbness.")]
    [InlineData("Denies chest pain.")]
    [InlineData("I can walk fine, just slowly.")]
    [InlineData("The tingling in my feet is worse at night.")]
    [InlineData("Buttons are hard in the morning.")]
    [InlineData("Cold drinks hurt my fingers.")]
    [InlineData("Feeling a bit low but managing, family helping.")]
    [InlineData("Walked to the mailbox without my cane!")]
    [InlineData("My chest x-ray was fine.")]
    [InlineData("I hurt my back lifting the shopping.")] // no fall
    [InlineData("Breathing exercises help me relax.")]
    [InlineData("")]
    [InlineData(null)]
    public void OrdinaryWordsAndNegations_AreNotFlagged(string? text) => Assert.Empty(FreeTextTriage.Assess(text));

    [Fact]
    public void SeveralSigns_InOneNote_AreAllFound()
    {
        var signs = FreeTextTriage.Assess("Fainted on Monday. Since then chest pain and I can't walk far.");

        Assert.Equal([DangerKind.ChestPain, DangerKind.CannotWalk, DangerKind.Fainted], signs.Select(s => s.Kind).Order());
    }
}
