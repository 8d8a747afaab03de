using System.Text.Json;
using CipnCare.Clinical.Assessment;
using CipnCare.Web.Data;
using CipnCare.Web.Features.Assessments;

namespace CipnCare.Web.Features.Demo;

/// <summary>
/// Demo assessments and test results: Maria and Walter have two visits each (Maria worse, Walter partly recovered),
/// James one visit with an asymmetric finding; Walter's low B12 and Grace's raised HbA1c prompt "consider another cause".
/// </summary>
internal sealed class DemoAssessments(CipnDbContext db, DateTime now, string clinicianId, string clinicianName)
{
    private static Dictionary<Muscle, Pair<int?>> Mrc(int ankle, int toe, int grip, int hip = 5, int shoulder = 5) => new()
    {
        [Muscle.ShoulderAbduction] = new(shoulder, shoulder),
        [Muscle.HipFlexion] = new(hip, hip),
        [Muscle.WristExtension] = new(5, 5),
        [Muscle.FingerAbduction] = new(grip, grip),
        [Muscle.AnkleDorsiflexion] = new(ankle, ankle),
        [Muscle.GreatToeExtension] = new(toe, toe),
    };

    private static Dictionary<Reflex, Pair<int?>> Reflexes(int ankle, int knee = 2, int biceps = 2) => new()
    {
        [Reflex.Biceps] = new(biceps, biceps),
        [Reflex.Knee] = new(knee, knee),
        [Reflex.Ankle] = new(ankle, ankle),
    };

    private static Sensation Sensed(SensoryLevel pinHands, SensoryLevel pinFeet, SensoryLevel vibHands, SensoryLevel vibFeet, int monofilament, Proprioception feet = Proprioception.Normal) =>
        new(new(pinHands, pinHands), new(pinFeet, pinFeet), new(monofilament, monofilament), new(pinHands, pinHands), new(pinFeet, pinFeet),
            new(vibHands, vibHands), new(vibFeet, vibFeet), new(Proprioception.Normal, Proprioception.Normal), new(feet, feet));

    public void Seed(Guid maria, Guid walter, Guid james, Guid grace)
    {
        // Maria, 58, on FOLFOX: baseline after cycle 2, then cold-triggered tingling spreading to the ankles after cycle 7.
        Visit(maria, 70, new ExamFindings
        {
            SensorySymptoms = SensoryLevel.FingersOrToes,
            MotorSymptoms = 0,
            AutonomicAsked = true,
            Sensation = Sensed(SensoryLevel.Normal, SensoryLevel.FingersOrToes, SensoryLevel.Normal, SensoryLevel.Normal, 10),
            Strength = Mrc(5, 5, 5),
            GripKg = new(26, 28),
            Reflexes = Reflexes(2),
            Romberg = RombergResult.Negative,
            Gait = GaitFinding.Normal,
            TugSeconds = 9.1,
            ChairStands = 14,
            Balance = new(10, 10, 10, 8),
            PegSeconds = new(19.5, 18.2),
            Supine = new(124, 78, 72),
            StandingOneMinute = new(120, 80, 80),
            StandingThreeMinutes = new(122, 80, 78),
            CtcaeSensory = 1,
            CtcaeMotor = 0,
        });
        Visit(maria, 4, new ExamFindings
        {
            SensorySymptoms = SensoryLevel.WristOrAnkle,
            MotorSymptoms = 1,
            AutonomicAsked = true,
            Skin = new(true, false, false, false, false, false, "Small cut on the right big toe she had not noticed."),
            Sensation = Sensed(SensoryLevel.FingersOrToes, SensoryLevel.WristOrAnkle, SensoryLevel.FingersOrToes, SensoryLevel.FingersOrToes, 7),
            Strength = Mrc(5, 5, 5),
            GripKg = new(22, 25),
            Reflexes = Reflexes(1),
            Romberg = RombergResult.Negative,
            Gait = GaitFinding.Normal,
            TugSeconds = 11.6,
            ChairStands = 12,
            Balance = new(10, 10, 7.5, null),
            PegSeconds = new(24.8, 22.9),
            Supine = new(122, 76, 74),
            StandingOneMinute = new(114, 74, 86),
            StandingThreeMinutes = new(118, 76, 84),
            CtcaeSensory = 2,
            CtcaeMotor = 1,
            Notes = "Buttons and earrings now difficult. Discussed cold avoidance.",
        });

        // Walter, 77, after R-CHOP (vincristine): unsteady with orthostatic hypotension; partly better three months on.
        Visit(walter, 95, new ExamFindings
        {
            SensorySymptoms = SensoryLevel.ElbowOrKnee,
            MotorSymptoms = 3,
            AutonomicAsked = true,
            AutonomicSymptoms = [AutonomicSymptom.DizzinessOnStanding, AutonomicSymptom.Bowel],
            Sensation = Sensed(SensoryLevel.WristOrAnkle, SensoryLevel.ElbowOrKnee, SensoryLevel.WristOrAnkle, SensoryLevel.ElbowOrKnee, 3, Proprioception.Reduced),
            Strength = Mrc(3, 3, 4),
            GripKg = new(24, 27),
            Reflexes = Reflexes(0, 1),
            Romberg = RombergResult.Positive,
            Gait = GaitFinding.HighStepping,
            TugSeconds = 15.2,
            ChairStands = 8,
            Balance = new(10, 6, null, null),
            PegSeconds = new(38.0, 35.5),
            Supine = new(146, 84, 66),
            StandingOneMinute = new(118, 74, 80),
            StandingThreeMinutes = new(124, 78, 78),
            CtcaeSensory = 3,
            CtcaeMotor = 2,
        });
        Visit(walter, 9, new ExamFindings
        {
            SensorySymptoms = SensoryLevel.WristOrAnkle,
            MotorSymptoms = 2,
            AutonomicAsked = true,
            AutonomicSymptoms = [AutonomicSymptom.DizzinessOnStanding],
            Sensation = Sensed(SensoryLevel.FingersOrToes, SensoryLevel.WristOrAnkle, SensoryLevel.FingersOrToes, SensoryLevel.ElbowOrKnee, 5, Proprioception.Reduced),
            Strength = Mrc(4, 4, 5),
            GripKg = new(26, 29),
            Reflexes = Reflexes(0),
            Romberg = RombergResult.Negative,
            Gait = GaitFinding.UsesWalkingAid,
            TugSeconds = 12.9,
            ChairStands = 10,
            Balance = new(10, 10, 6.5, null),
            PegSeconds = new(31.2, 29.8),
            Supine = new(142, 82, 68),
            StandingOneMinute = new(120, 76, 82),
            StandingThreeMinutes = new(126, 78, 80),
            CtcaeSensory = 2,
            CtcaeMotor = 2,
            Notes = "Walks with a stick outdoors. Physiotherapy balance class twice a week.",
        });
        Result(walter, "b12", 12, 168, null, null, null);
        Result(walter, "methylmalonic-acid", 12, 0.62, null, null, null);
        Result(walter, "hba1c", 12, 5.4, null, null, null);
        Result(walter, "sural-snap", 40, 1.8, 6, null, "Sural SNAPs reduced bilaterally; peroneal CMAPs low-normal. Length-dependent sensorimotor axonal neuropathy.");
        Result(walter, "peroneal-cv", 40, 41, 40, null, null);

        // James, 69, after CAPOX: a fall in the past year; the left foot much worse than the right.
        Visit(james, 3, new ExamFindings
        {
            SensorySymptoms = SensoryLevel.WristOrAnkle,
            MotorSymptoms = 1,
            AutonomicAsked = true,
            Sensation = Sensed(SensoryLevel.FingersOrToes, SensoryLevel.FingersOrToes, SensoryLevel.FingersOrToes, SensoryLevel.WristOrAnkle, 8) with
            {
                PinFeet = new(SensoryLevel.ElbowOrKnee, SensoryLevel.FingersOrToes),
            },
            Strength = Mrc(5, 5, 5),
            GripKg = new(34, 36),
            Reflexes = Reflexes(1),
            Romberg = RombergResult.Negative,
            Gait = GaitFinding.Unsteady,
            TugSeconds = 12.8,
            ChairStands = 10,
            Balance = new(10, 10, 9, null),
            PegSeconds = new(21.0, 20.4),
            Supine = new(132, 80, 70),
            StandingOneMinute = new(126, 80, 76),
            StandingThreeMinutes = new(128, 82, 74),
            CtcaeSensory = 2,
            CtcaeMotor = 1,
        });
        Result(james, "b12", 5, 410, null, null, null);
        Result(james, "glucose-fasting", 5, 94, null, null, null);

        // Grace: baseline labs before VRd.
        Result(grace, "hba1c", 30, 6.9, null, null, null);
        Result(grace, "b12", 30, 520, null, null, null);
        Result(grace, "spep-ife", 30, null, null, false, "IgG kappa paraprotein known (myeloma); no new band.");
    }

    private void Visit(Guid patientId, int daysAgo, ExamFindings findings) =>
        db.AssessmentVersions.Add(new AssessmentVersion
        {
            Id = Guid.CreateVersion7(),
            VisitId = Guid.CreateVersion7(),
            PatientId = patientId,
            Version = 1,
            VisitDate = DateOnly.FromDateTime(now.AddDays(-daysAgo)),
            ExaminerUserId = clinicianId,
            ExaminerName = clinicianName,
            RecordedAt = now.AddDays(-daysAgo),
            FindingsJson = JsonSerializer.Serialize(findings, RecordAssessment.Json),
        });

    private void Result(Guid patientId, string code, int daysAgo, double? value, double? low, bool? abnormal, string? text)
    {
        var test = DiagnosticCatalogue.Find(code)!;
        db.DiagnosticResults.Add(new DiagnosticResult
        {
            Id = Guid.CreateVersion7(),
            PatientId = patientId,
            Code = code,
            TakenOn = DateOnly.FromDateTime(now.AddDays(-daysAgo)),
            Value = value,
            Unit = test.Unit,
            ReferenceLow = low ?? test.Low,
            ReferenceHigh = low is null ? test.High : null,
            ReportedAbnormal = abnormal,
            Text = text,
            RecordedByUserId = clinicianId,
            RecordedByName = clinicianName,
            RecordedAt = now.AddDays(-daysAgo),
        });
    }
}
