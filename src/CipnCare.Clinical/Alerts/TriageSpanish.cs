using System.Text.RegularExpressions;

namespace CipnCare.Clinical.Alerts;

/// <summary>
/// What the rule layer knows of Spanish beyond its patterns (<see cref="TriagePatternsSpanish"/>): texting forms and
/// misspellings, the words that end a clause, deny, or start a new subject, and the Spanish forms of "hypothetical",
/// "resolved", "someone else" and "blocked bowel". Canonical Spanish is lower case with accents folded: á é í ó ú ü → a
/// e i o u, and ñ → n ("daño" and "dano" are one word; "¿" and "¡" are punctuation). Every note is read with both
/// languages' rules: people mix them, and the language stored with a note is only a hint.
/// </summary>
internal static class TriageSpanish
{
    /// <summary>Words that end a clause ("sin embargo" too: "embargo" ends it and its "sin" is dropped).</summary>
    public static readonly string[] ClauseWords = ["pero", "aunque", "sino", "porque", "mientras", "embargo"];

    /// <summary>"Porque" and its texting forms, which start a sentence as "por qué" (why) more often than as "because".</summary>
    public static readonly HashSet<string> WhyAtTheStart = ["porque", "xq", "pq", "porq", "xk"];

    /// <summary>Texting forms and misspellings of the words that matter, each to its canonical word (keys already folded).</summary>
    public static readonly Dictionary<string, string> Expansions = new(StringComparer.Ordinal)
    {
        ["q"] = "que",
        ["ke"] = "que",
        ["xq"] = "porque",
        ["pq"] = "porque",
        ["porq"] = "porque",
        ["xk"] = "porque",
        ["tmb"] = "tambien",
        ["tbn"] = "tambien",
        ["aveces"] = "a veces",
        ["kiero"] = "quiero",
        ["qiero"] = "quiero",
        ["quero"] = "quiero",
        ["kiere"] = "quiere",
        ["qiere"] = "quiere",
        ["kisiera"] = "quisiera",
        ["keria"] = "queria",
        ["bida"] = "vida",
        ["bibir"] = "vivir",
        ["bivir"] = "vivir",
        ["vibir"] = "vivir",
        ["morirne"] = "morirme",
        ["morime"] = "morirme",
        ["matarne"] = "matarme",
        ["pastiyas"] = "pastillas",
        ["pastias"] = "pastillas",
        ["pastiya"] = "pastilla",
        ["cabesa"] = "cabeza",
        ["cavesa"] = "cabeza",
        ["caveza"] = "cabeza",
        ["kabeza"] = "cabeza",
        ["kbza"] = "cabeza",
        ["cbza"] = "cabeza",
        ["pexo"] = "pecho",
        ["desmalle"] = "desmaye",
        ["desmallo"] = "desmayo",
        ["desmallado"] = "desmayado",
        ["desmallada"] = "desmayada",
        ["desmallar"] = "desmayar",
        ["desmallarme"] = "desmayarme",
        ["tropese"] = "tropece",
        ["tropeze"] = "tropece",
        ["emorragia"] = "hemorragia",
        ["ambulansia"] = "ambulancia",
        ["ospital"] = "hospital",
        ["urjencias"] = "urgencias",
        ["enpeoro"] = "empeoro",
        ["respirrar"] = "respirar",
        ["resirar"] = "respirar",
        ["repirar"] = "respirar",
        ["aki"] = "aqui",
        ["segir"] = "seguir",
        ["sigir"] = "seguir",
        ["nesesito"] = "necesito",
        ["ase"] = "hace",
        ["mui"] = "muy",
        ["ohjala"] = "ojala",
        ["ojalas"] = "ojala",
    };

    /// <summary>Spanish negation cues ("no" is shared with English).</summary>
    public static readonly string[] Negations = ["nunca", "jamas", "ni", "sin", "tampoco", "ningun", "ninguna", "ninguno", "niega", "nego"];

    /// <summary>Cues after the words: "fiebre, tampoco".</summary>
    public static readonly string[] AfterNegations = ["tampoco", "ninguno", "ninguna", "negativo", "negativa"];

    /// <summary>
    /// Words that start a new subject or clause. Not "él" (folded, it is the article "el"), and "he" stays a barrier only in
    /// English: "no he tenido dolor de pecho" is the Spanish "have" (<see cref="IsParticiple"/>). "que" is one unless a
    /// verb of thinking or noticing comes before it ("no creo que sea un infarto").
    /// </summary>
    public static readonly string[] Barriers = ["y", "yo", "ella", "ellos", "ellas", "nosotros", "nosotras", "ustedes", "usted", "que", "luego", "ahora", "entonces", "pues", "mejor"];

    /// <summary>Verbs before "que" that carry the negation over it: "no creo que", "no noto que".</summary>
    public static readonly HashSet<string> CarryingVerbs =
        ["creo", "creia", "cree", "creemos", "parece", "parecia", "pienso", "pensaba", "piensa", "noto", "note", "notado", "nota", "siento", "senti", "sentido", "siente", "digo", "dice", "dijo", "diria", "veo", "vi", "visto"];

    /// <summary>A Spanish past participle after "he"/"ha" ("he tenido", "he caído", "he dicho", "he vuelto").</summary>
    public static bool IsParticiple(string word) => Participle.IsMatch(word);

    private static readonly Regex Participle = new(@"^(?:\w+(?:ado|ada|ido|ida)|ido|\w*(?:dicho|hecho|visto|puesto|vuelto|roto|muerto|escrito|abierto|cubierto|frito|impreso))$", RegexOptions.CultureInvariant);

    /// <summary>
    /// Spanish negation words that do not deny what follows: the negation belongs to another verb ("no sé qué hacer, me
    /// duele el pecho", "no puedo dormir del dolor de pecho"), or says it will not stop ("no para de sangrar", "no se me
    /// quita el dolor de pecho", "no me baja la fiebre", "no aguanto el dolor de pecho", "sin poder respirar"). Matched
    /// from the negation word up to the matched words.
    /// </summary>
    public static readonly Regex NotDenying = new(
        @"^(?:(?:ya )?no (?:se|sabe|sabemos|saben|sabia|entiendo|entendemos) (?:que|si|como|donde|cuando|por que|porque|cual|quien|nada|bien|lo que|cuanto|cuanta)|(?:ya )?no (?:aguanto|aguanta|aguantaba|soporto|soporta|puedo|puede|pude|pudo|podia|podemos|pudimos|he podido|ha podido|dejo|deja|dejan|dejaba|dejaban|para|paran|paraba|paro|pare|solo|duermo|dormi|dormia|he dormido|ha dormido|pego|pegue|como|comi|he comido|es normal|es posible|creo que (?:sea|es) normal|hay (?:manera|forma|modo)|(?:me|le|te|nos|se) (?:\w+ )?(?:deja|dejan|quita|quitan|quito|baja|bajan|bajo|alivia|aliva|calma|calmo|pasa|paso|ayuda|ayudan|mejora|va|van|fue|detiene|cede|corta|ha (?:quitado|bajado|pasado|calmado|mejorado|cedido|ido|parado))|cede|ceden|cedio|baja|bajo|mejora|mejoran|mejoro|ha (?:bajado|mejorado|cedido|parado|dejado)|han (?:bajado|mejorado|cedido|parado|dejado))|(?:nunca|jamas) (?:se|me|le) (?:quita|pasa|va|baja)|(?:nunca|jamas) (?:antes )?(?:me |se me |le |se le |lo |la )?(?:habia|habian|habiamos)|sin (?:parar|poder|control|que (?:me|le|se|nadie))|ni (?:siquiera|con|el paracetamol|la medicina))\b",
        RegexOptions.CultureInvariant);

    /// <summary>"Nunca" as emphasis, not denial: "nunca había sentido un dolor de pecho así".</summary>
    public static readonly Regex Comparison = new(@"\b(?:asi|como este|como esta|como esto|como ese|antes|tan (?:fuerte|feo|fea|malo|mala|intenso|intensa|horrible)|tanto|peor|igual)\b", RegexOptions.CultureInvariant);

    /// <summary>Hypothetical by its own words: "en caso de", "por si", fear of what may happen, prevention.</summary>
    public static readonly Regex Hypothetical = new(
        @"\b(?:en caso de|por si(?: acaso)?|(?:aun|incluso) si|a menos que|que (?:pasa|pasaria|hago|hacemos|hacer|debo hacer) (?:\w+ )?(?:si|cuando)|cuando (?:debo|debemos|hay que) (?:\w+ ){0,3}(?:si|cuando))\b|\b(?:miedo|temor|panico|terror|susto) (?:a|de)(?: que)?(?: \w+){0,2} ?$|\b(?:me|le|nos) (?:asusta|asustan|da miedo|dan miedo|aterra|aterran)(?: \w+){0,1} ?$|\bpreocup\w* (?:de |por )?que (?:\w+ ){0,2}(?:pueda|pueden|vaya|vayan|vuelva|vuelvan|de|den|tenga|fuera)\b(?: \w+){0,3} ?$|\b(?:para no|evitar|prevenir|riesgo de|peligro de|posibilidad de)\b(?: \w+){0,3} ?$",
        RegexOptions.CultureInvariant);

    /// <summary>"Si" is "if" and, unaccented, "yes": it makes a clause hypothetical only when the sentence asks what to do.</summary>
    public static readonly Regex If = new(@"\bsi\b", RegexOptions.CultureInvariant);

    public static readonly Regex WhatToDo = new(
        @"\b(?:que (?:hago|hacemos|hacer|debo|debemos|pasa|recomienda\w*)|debo|debemos|deberia|deberiamos|tengo que|tenemos que|hay que|llamo|llamamos|llamar|acudo|acudir|aviso|avisar|es normal|es grave|es peligroso|me preocupa|puedo (?:tomar|usar|darle|dar|ir|hacer)|vaya|vayas|vayan|vayamos|ir a urgencias|llame|llames)\b|\b(?:me|nos|le) (?:dijeron|dijo|explicaron|explico|recomendaron|recomendo|indicaron|indico|ensenaron|enseno) (?:que|como|cuando|(?:\w+ ){0,2}si\b)|\b(?:(?:que|cual) (?:puedo|debo|tengo que) (?:tomar|hacer))\b",
        RegexOptions.CultureInvariant);

    /// <summary>Over: "ya se me quitó", "ya estoy bien", "era reflujo", "hace años", "en marzo".</summary>
    public static readonly Regex Resolved = new(
        @"\bya se (?:me |le |te |nos )?(?:ha |han )?(?:quit|pas|fue|ido|calm|baj)\w*|\bse (?:me |le |te |nos )?(?:ha |han )?(?:quitado|pasado|calmado)\b|\bya (?:estoy|esta|estamos|me siento|se siente|se encuentra) (?:bien|mejor)\b|\bya paso\b|\bresulto (?:ser|que)\b|\b(?:era|fue) (?:solo |nada mas |nomas |simplemente )?(?:reflujo|gases|acidez|agruras|ansiedad|muscular|nada)\b|\b(?:el|la) (?:mes|ano|semana) pasad[oa]\b|\bhace (?:\w+ )?(?:meses|anos|mucho|tiempo)\b|\b(?:en|desde|de) (?:enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|setiembre|octubre|noviembre|diciembre)\b|\bantes (?:tenia|me daba|le daba)\b|\bsolia (?:tener|darme|darle)\b|\bde (?:nino|nina|chico|chica|joven|pequeno|pequena)\b|\b(?:me|la|lo|le) (?:revisaron|checaron|atendieron)\b|\b(?:ya|ahora) (?:estoy|esta|me siento|se siente) (?:mucho )?(?:bien|mejor)\b|\b(?:estoy|esta|me siento|se siente) (?:mucho )?(?:bien|mejor) (?:ya|ahora)\b|\b(?:fui|fuimos|me llevaron|lo llevamos|la llevamos|lo llevaron|la llevaron|estuve|estuvo|estuvimos) (?:\w+ )?(?:a|en) urgencias\b|\bya me (?:dieron|pusieron|recetaron|atendieron|revisaron|checaron)\b|\b(?:ya )?(?:lo|la|me|nos) (?:lleve|llevamos|llevaron|llevo) (?:al|a la|con el|con la) (?:medico|medica|doctor|doctora|pediatra|hospital|clinica|urgencias)\b",
        RegexOptions.CultureInvariant);

    /// <summary>What undoes "it has passed": it is back, still there, or worse.</summary>
    public static readonly Regex StillThere = new(
        @"\b(?:otra vez|de nuevo|volvi\w*|vuelve|regres\w*|sigue|sigo|seguia|todavia|aun|peor|empeor\w*|no se (?:me |le |te )?(?:ha |han )?(?:quit|pas|ido|fue|calm|baj)\w*)\b",
        RegexOptions.CultureInvariant);

    public static readonly Regex LongPast = new(@"\b(?:el ano pasado|hace (?:\w+ )?anos|hace mucho(?: tiempo)?|cuando (?:era|tenia|estaba) (?:\w+ )?(?:nino|nina|joven|chic[oa]|pequen[oa])|de (?:nino|nina|chico|chica|joven|pequeno|pequena))\b", RegexOptions.CultureInvariant);

    /// <summary>Someone else as the subject: a neighbour, a friend, a pet, someone on television — with no "me" after it.</summary>
    public static readonly Regex SomeoneElse = new(
        @"\b(?:mi|mis|un|una|su|sus|nuestro|nuestra|el|la) (?:\w+ )?(?:vecin[oa]s?|amig[oa]s?|companer[oa]s?|colegas?|perr[oa]s?|perrit[oa]s?|gat[oa]s?|gatit[oa]s?|mascotas?|caballo|prim[oa]s?|niet[oa]s?|sobrin[oa]s?|jefe|jefa|senor|senora|hombre|mujer|muchach[oa]|paciente|compadre|comadre|conocid[oa]s?)\b(?!.*\b(?:yo|me|mi|conmigo)\b)|\b(?:en la tele|en la television|en las noticias|en una pelicula|en la pelicula|en la novela|otra persona|otro paciente|otros pacientes|otra paciente)\b",
        RegexOptions.CultureInvariant);

    public static readonly Regex FirstPerson = new(@"\b(?:yo|me|mi|conmigo)\b", RegexOptions.CultureInvariant);

    /// <summary>No bowel movement (carries its own negation).</summary>
    public static readonly Regex NoBowelMovement = new(
        @"\b(?:no (?:he|ha|hemos|han) (?:\w+ )?(?:hecho (?:popo|caca|del bano|del dos|del cuerpo|de cuerpo)|ido (?:al bano|del cuerpo|de cuerpo|de vientre)|evacuado|obrado|defecado|cagado|podido (?:ir al bano|evacuar|obrar|hacer popo|defecar|hacer del bano))|no (?:hago|hace|hice|hizo) (?:popo|caca|del bano|del dos)|no (?:evacuo|evacua|obro|obra|defeco|defeca)|estren\w*|(?:(?:\d+|dos|tres|cuatro|cinco|seis|siete|ocho|varios|muchos|una|un) (?:dias|semanas?|mes)|(?:lleva|llevo|llevamos|llevaba)(?: \w+){1,3}) sin (?:ir al bano|evacuar|obrar|hacer popo|hacer del bano|defecar|hacer caca|hacer del dos)|sin (?:ir al bano|evacuar|obrar|hacer popo|hacer del bano|defecar|hacer caca) (?:desde|en|hace)|no (?:puedo|puede|he podido|ha podido) (?:ir al bano|evacuar|obrar|hacer popo|defecar|hacer del bano|hacer caca))\b",
        RegexOptions.CultureInvariant);

    /// <summary>Vomiting or a swollen, hard belly ("vomit…" is shared with English).</summary>
    public static readonly Regex VomitingOrSwollenBelly = new(
        @"\b(?:[bv]omit\w*|devolv\w*|devuelv\w*|arrojando|guacare\w*|(?:panza|barriga|estomago|abdomen|vientre|pancita|tripa|guata) (?:\w+ ){0,3}(?:hinchad\w*|inflamad\w*|dur[oa]|distendid\w*|abombad\w*|como un globo|enorme)|(?:hinchazon|distension) (?:de |del |en )?(?:la |el )?(?:panza|barriga|estomago|abdomen|vientre))\b",
        RegexOptions.CultureInvariant);
}
