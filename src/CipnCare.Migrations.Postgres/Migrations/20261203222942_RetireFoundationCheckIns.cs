using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Postgres.Migrations
{
    /// <inheritdoc />
    public partial class RetireFoundationCheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue #14: the start-up copy of foundation check-ins is retired. Never drop one that was not copied:
            // stop, naming what to do; the migration's transaction rolls back.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                  IF EXISTS (SELECT 1 FROM "CheckIns" AS c WHERE NOT EXISTS (SELECT 1 FROM "InstrumentResponses" AS r WHERE r."Id" = c."Id")) THEN
                    RAISE EXCEPTION 'Some foundation check-ins were never copied to check-in 0.1.0. Start a CIPN Care build from before this migration once (it copies them at start), then upgrade.';
                  END IF;
                END $$;
                """);
            migrationBuilder.DropTable(
                name: "CheckIns");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CheckIns",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AutonomicScore = table.Column<int>(type: "integer", nullable: false),
                    Balance = table.Column<int>(type: "integer", nullable: false),
                    CtcaeVersion = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    DizzinessOnStanding = table.Column<int>(type: "integer", nullable: false),
                    EnteredByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    EnteredByRole = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    EnteredByUserId = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    Falls = table.Column<int>(type: "integer", nullable: false),
                    LimitsEverydayTasks = table.Column<bool>(type: "boolean", nullable: false),
                    LimitsSelfCare = table.Column<bool>(type: "boolean", nullable: false),
                    MotorGrade = table.Column<int>(type: "integer", nullable: false),
                    MotorScore = table.Column<int>(type: "integer", nullable: false),
                    Notes = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    NumbnessFeet = table.Column<int>(type: "integer", nullable: false),
                    NumbnessHands = table.Column<int>(type: "integer", nullable: false),
                    PainFeet = table.Column<int>(type: "integer", nullable: false),
                    PainHands = table.Column<int>(type: "integer", nullable: false),
                    PatientId = table.Column<Guid>(type: "uuid", nullable: false),
                    RulesVersion = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    SensoryGrade = table.Column<int>(type: "integer", nullable: false),
                    SensoryScore = table.Column<int>(type: "integer", nullable: false),
                    SubmissionKey = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    TinglingFeet = table.Column<int>(type: "integer", nullable: false),
                    TinglingHands = table.Column<int>(type: "integer", nullable: false),
                    TotalScore = table.Column<int>(type: "integer", nullable: false),
                    Weakness = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CheckIns", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CheckIns_Patients_PatientId",
                        column: x => x.PatientId,
                        principalTable: "Patients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_PatientId_SubmissionKey",
                table: "CheckIns",
                columns: new[] { "PatientId", "SubmissionKey" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CheckIns_PatientId_SubmittedAt",
                table: "CheckIns",
                columns: new[] { "PatientId", "SubmittedAt" });
        }
    }
}
