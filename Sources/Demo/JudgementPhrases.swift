import Foundation

/// The sentences the demo drafts a judgement from, in the six report
/// languages (a real judgement is written by an evaluator and translated
/// by the conference services; the demo's stand in for both).
struct JudgementPhrases {
    var notRated: String
    /// `{on}` of `{rated}` indicators on track.
    var onTrack: String
    var allProgressed: String
    /// `{list}` of the objectives that lagged.
    var mostProgressed: String
    /// `{above}` of `{surveyed}` survey indicators above their baseline.
    var surveysAbove: String
    /// `{list}` of the objectives to give priority to.
    var priority: String
    var keepLog: String
    /// Between the items of a list of objectives.
    var separator: String

    /// The phrases of a language id, English for an unknown one.
    static func of(_ language: String) -> JudgementPhrases { all[language] ?? all["en"]! }

    static let all: [String: JudgementPhrases] = [
        "en": JudgementPhrases(
            notRated: "No indicator of this objective could be rated for the period.",
            onTrack: "{on} of {rated} rated indicators are on track since the baseline.",
            allProgressed: "The mechanism progressed on every objective of the strategic plan during the period.",
            mostProgressed: "The mechanism progressed on most objectives; progress was slower for {list}.",
            surveysAbove: "Survey indicators above their baseline: {above} of {surveyed}.",
            priority: "Give priority in the next work programme to {list}.",
            keepLog: "Keep the contribution log complete and consistent so that member responsiveness can be measured.",
            separator: ", "),
        "fr": JudgementPhrases(
            notRated: "Aucun indicateur de cet objectif n'a pu être noté pour la période.",
            onTrack: "Indicateurs notés en bonne voie depuis la référence : {on} sur {rated}.",
            allProgressed: "Le mécanisme a progressé sur chacun des objectifs du plan stratégique au cours de la période.",
            mostProgressed: "Le mécanisme a progressé sur la plupart des objectifs ; les progrès ont été plus lents pour les objectifs suivants : {list}.",
            surveysAbove: "Indicateurs d'enquête au-dessus de leur valeur de référence : {above} sur {surveyed}.",
            priority: "Accorder la priorité, dans le prochain programme de travail, aux objectifs suivants : {list}.",
            keepLog: "Tenir le registre des contributions complet et cohérent afin de pouvoir mesurer la réactivité des membres.",
            separator: ", "),
        "es": JudgementPhrases(
            notRated: "Ningún indicador de este objetivo pudo calificarse para el período.",
            onTrack: "Indicadores calificados en buen camino desde la referencia: {on} de {rated}.",
            allProgressed: "El mecanismo avanzó en todos los objetivos del plan estratégico durante el período.",
            mostProgressed: "El mecanismo avanzó en la mayoría de los objetivos; el avance fue más lento en los siguientes: {list}.",
            surveysAbove: "Indicadores de encuesta por encima de su valor de referencia: {above} de {surveyed}.",
            priority: "Dar prioridad, en el próximo programa de trabajo, a los siguientes objetivos: {list}.",
            keepLog: "Mantener el registro de contribuciones completo y coherente para poder medir la capacidad de respuesta de los miembros.",
            separator: ", "),
        "ru": JudgementPhrases(
            notRated: "Ни один показатель по этой цели не удалось оценить за период.",
            onTrack: "Оценённые показатели, выполняемые по плану относительно исходного уровня: {on} из {rated}.",
            allProgressed: "В течение периода механизм добился прогресса по всем целям стратегического плана.",
            mostProgressed: "Механизм добился прогресса по большинству целей; медленнее шло продвижение по следующим целям: {list}.",
            surveysAbove: "Показатели опросов выше исходного уровня: {above} из {surveyed}.",
            priority: "В следующей программе работы уделить первоочередное внимание следующим целям: {list}.",
            keepLog: "Вести журнал вкладов полно и единообразно, чтобы можно было измерять активность членов сети.",
            separator: ", "),
        "ar": JudgementPhrases(
            notRated: "لم يتسنَّ تقدير أي مؤشر من مؤشرات هذا الهدف خلال الفترة.",
            onTrack: "المؤشرات المقدَّرة التي تسير على المسار الصحيح منذ خط الأساس: {on} من أصل {rated}.",
            allProgressed: "أحرزت الآلية تقدمًا في جميع أهداف الخطة الاستراتيجية خلال الفترة.",
            mostProgressed: "أحرزت الآلية تقدمًا في معظم الأهداف؛ وكان التقدم أبطأ في الأهداف التالية: {list}.",
            surveysAbove: "مؤشرات الاستقصاء التي تجاوزت خط الأساس: {above} من أصل {surveyed}.",
            priority: "إيلاء الأولوية في برنامج العمل المقبل للأهداف التالية: {list}.",
            keepLog: "الحفاظ على سجل المساهمات كاملًا ومتسقًا حتى يتسنى قياس استجابة الأعضاء.",
            separator: "، "),
        "zh": JudgementPhrases(
            notRated: "本期间无法对该目标的任何指标进行评级。",
            onTrack: "自基线以来进展顺利的已评级指标：{rated}项中的{on}项。",
            allProgressed: "本期间，该机制在战略计划的所有目标上均取得了进展。",
            mostProgressed: "该机制在大多数目标上取得了进展；以下目标进展较慢：{list}。",
            surveysAbove: "高于基线的调查指标：{surveyed}项中的{above}项。",
            priority: "在下一个工作方案中优先处理以下目标：{list}。",
            keepLog: "保持贡献记录完整一致，以便衡量成员的响应情况。",
            separator: "、"),
    ]

    /// `template` with `{name}` placeholders filled.
    static func fill(_ template: String, _ values: [String: String]) -> String {
        values.reduce(template) { $0.replacingOccurrences(of: "{\($1.key)}", with: $1.value) }
    }
}
