using CipnCare.Clinical.Alerts;

namespace CipnCare.Clinical.Tests;

/// <summary>Spanish in the rule layer: the same categories, negation, past, hypotheticals and someone else as in English.</summary>
public sealed class FreeTextTriageSpanishTests
{
    [Theory]
    // The words the issue named, and their usual variants: accents missing, carers in the third person, misspellings.
    [InlineData("ya no quiero vivir")]
    [InlineData("Me quiero morir")]
    [InlineData("he pensado en quitarme la vida")]
    [InlineData("estoy guardando pastillas")]
    [InlineData("quiero morirme")]
    [InlineData("ojalá no despertara")]
    [InlineData("mejor estaría muerta")]
    [InlineData("ya no quiero seguir")]
    [InlineData("no vale la pena vivir")]
    [InlineData("que Dios me lleve")]
    [InlineData("estoy cansado de vivir")]
    [InlineData("tengo ganas de hacerme daño")]
    [InlineData("anoche me corté los brazos")]
    [InlineData("pienso en suicidarme")]
    [InlineData("me voy a matar")]
    [InlineData("estoy juntando pastillas")]
    [InlineData("pensé en tomarme todas las pastillas")]
    [InlineData("tengo un plan")]
    [InlineData("he pensado en tirarme de un puente")]
    [InlineData("dice que quiere ahorcarse")]
    [InlineData("dejé cartas de despedida")]
    [InlineData("soy una carga")]
    [InlineData("estarían mejor sin mí")]
    [InlineData("mi esposo dice que se quiere morir")]
    [InlineData("mi mamá está juntando su morfina en un frasco")]
    [InlineData("ella dice que ojala se muriera")]
    [InlineData("me kiero matar")]
    [InlineData("ya no kiero bibir")]
    [InlineData("NO QUIERO VIVIR MAS ASI")]
    [InlineData("honestly ya no quiero vivir, the pain is too much")]
    // A negation that is part of the meaning, or emphasis ("nunca había").
    [InlineData("no quiero vivir así")]
    [InlineData("no tengo ganas de vivir")]
    [InlineData("no me importaría no despertar mañana")]
    [InlineData("nunca había pensado en suicidarme pero esta semana sí")]
    [InlineData("ya no quiero seguir así mejor me muero")]
    public void SelfHarmLanguage_IsFound(string text) => Assert.True(FreeTextTriage.Assess(text).Has(TriageCategory.SelfHarm), text);

    [Theory]
    [InlineData("me duele el pecho y me falta el aire", "chest pain")]
    [InlineData("me duele el pecho y me falta el aire", "breathing trouble")]
    [InlineData("dolor en el pecho desde hace una hora", "chest pain")]
    [InlineData("no puedo respirar", "breathing trouble")]
    [InlineData("me desmayé en el baño", "fainting")]
    [InlineData("de repente se me durmió la mitad de la cara", "cannot walk or get up")]
    [InlineData("no puedo hablar bien desde hace rato", "stroke signs")]
    [InlineData("tuvo convulsiones", "seizure")]
    [InlineData("está muy confundido, no sabe dónde está", "sudden confusion")]
    [InlineData("sangrado que no para", "bleeding")]
    [InlineData("tengo fiebre de 39", "fever")]
    [InlineData("tengo 38,5 de temperatura", "fever")]
    [InlineData("tengo calentura", "fever")]
    [InlineData("llevo 5 días sin ir al baño y estoy vomitando", "bowel blockage")]
    [InlineData("me caí y me pegué en la cabeza", "head injury")]
    [InlineData("me golpeé la cabeza", "head injury")]
    [InlineData("me fracturé la muñeca", "broken bone")]
    [InlineData("me rompí la cadera", "broken bone")]
    [InlineData("se cayó y no se puede levantar", "cannot walk or get up")]
    [InlineData("no se me quita el dolor de pecho", "chest pain")] // "no" here says it will not go away
    [InlineData("nunca había tenido un dolor de pecho así", "chest pain")]
    [InlineData("no sé qué hacer, me duele mucho el pecho", "chest pain")]
    [InlineData("no dormí nada por el dolor en el pecho", "chest pain")]
    [InlineData("no he tenido fiebre pero ahora me falta el aire", "breathing trouble")]
    [InlineData("se le trabó la lengua unos minutos, ya se le pasó", "stroke signs")] // passed, still a warning of a stroke
    [InlineData("my mom se cayó y se pegó en la cabeza", "head injury")]
    public void Emergencies_AreFound_WithTheirTopic(string text, string topic) =>
        Assert.Contains(FreeTextTriage.Assess(text).Findings, f => f.Category == TriageCategory.Emergency && f.Topic == topic);

    [Theory]
    // Negations in their own clause, idioms, the past, hypotheticals, someone else, treatment plans.
    [InlineData("no tengo dolor en el pecho")]
    [InlineData("No tengo dolor de pecho ni me falta el aire")]
    [InlineData("ni fiebre ni dolor de pecho")]
    [InlineData("sin falta de aire, sin fiebre")]
    [InlineData("no he tenido fiebre")]
    [InlineData("jamás me he desmayado")]
    [InlineData("no me he caído ni me he golpeado")]
    [InlineData("no quiero morir, quiero que me ayuden con el dolor")]
    [InlineData("nunca he pensado en hacerme daño")]
    [InlineData("no tengo pensamientos de suicidio")]
    [InlineData("me muero de ganas de ver a mis nietos")]
    [InlineData("me muero de hambre")]
    [InlineData("me mata el dolor de pies")]
    [InlineData("estoy muerta de cansancio")]
    [InlineData("tengo un plan para la próxima cita")]
    [InlineData("hicimos un plan con la enfermera para bajar la gabapentina")]
    [InlineData("me tomé todas mis pastillas esta mañana como siempre")]
    [InlineData("me quiero cortar el pelo")]
    [InlineData("me corté el dedo picando cebolla")]
    [InlineData("¿qué hago si me da fiebre?")]
    [InlineData("me dijeron que si tengo 38 de fiebre vaya a urgencias")]
    [InlineData("el dolor de pecho de marzo era reflujo, ya estoy bien")]
    [InlineData("ya se me quitó la fiebre")]
    [InlineData("mi vecina se cayó y se rompió la cadera")]
    [InlineData("vi en la tele que un señor se desmayó")]
    [InlineData("me falta un poco el aire cuando subo escaleras")]
    [InlineData("los pies me arden en la noche")]
    [InlineData("se me duermen los pies y las manos")]
    [InlineData("no puedo caminar mucho")]
    [InlineData("la radiografía de pecho salió bien")]
    [InlineData("mi abuela murió de un infarto hace años")]
    [InlineData("quiero ver a mis nietos antes de morir")]
    [InlineData("quiero seguir con la quimio")]
    public void CalmWords_AreNotUrgent(string text) =>
        Assert.DoesNotContain(FreeTextTriage.Assess(text).Findings, f => f.Category >= TriageCategory.Emergency);

    [Theory]
    [InlineData("me caí de la cama pero no me pasó nada", TriageCategory.Fall)]
    [InlineData("tropecé con la alfombra, solo un moretón", TriageCategory.Fall)]
    [InlineData("mi mamá se cayó en el patio, se raspó las manos", TriageCategory.Fall)]
    [InlineData("casi me caigo en la regadera", TriageCategory.Fall)]
    [InlineData("Se cayó mi esposo en la cocina, se levantó solo", TriageCategory.Fall)]
    [InlineData("me siento muy triste", TriageCategory.Distress)]
    [InlineData("no aguanto este dolor de pies", TriageCategory.Distress)]
    public void FallsAndDistress_AreFound_WithoutUrgency(string text, TriageCategory category) =>
        Assert.Equal(category, FreeTextTriage.Assess(text).Highest);

    [Theory]
    [InlineData("se me cayó el vaso")]
    [InlineData("se me cae el pelo por la quimio")]
    [InlineData("la caída del cabello me preocupa")]
    [InlineData("se cayó el plato de la mesa")]
    [InlineData("el médico me cayó bien")]
    [InlineData("no me he caído esta semana")]
    [InlineData("me mandaron a la clínica de caídas")]
    public void WordsThatAreNotFalls_AreNotFalls(string text) => Assert.False(FreeTextTriage.Assess(text).Has(TriageCategory.Fall), text);

    [Theory]
    [InlineData("¡Me caí!", "me cai")]
    [InlineData("¿Ya no quiero vivir?", "ya no quiero vivir")]
    [InlineData("DAÑO, Señor, pingüino, Él", "dano")]
    [InlineData("tengo 38,5", "tengo 38.5")]
    [InlineData("q kiero", "que quiero")]
    public void SpanishText_IsCanonical_AccentsFoldedAndPunctuationDropped(string text, string firstClause) =>
        Assert.Equal(firstClause, TriageText.Sentences(text)[0].Clauses[0]);

    [Fact]
    public void SpanishAndEnglish_InOneNote_AreBothRead()
    {
        var result = FreeTextTriage.Assess("I fell yesterday. Hoy me duele el pecho y ya no quiero vivir.");

        Assert.Equal(TriageCategory.SelfHarm, result.Highest);
        Assert.Contains(result.Findings, f => f.Topic == "chest pain");
        Assert.Contains(result.Findings, f => f.Category == TriageCategory.Fall);
    }
}
