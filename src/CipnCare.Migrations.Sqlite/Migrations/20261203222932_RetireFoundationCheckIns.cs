using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CipnCare.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class RetireFoundationCheckIns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Issue #14: the start-up copy of foundation check-ins is retired. Never drop one that was not copied:
            // the CHECK fails (naming what to do) and the migration's transaction rolls back.
            migrationBuilder.Sql("""
                CREATE TEMP TABLE "RetireFoundationCheckInsGuard" ("Pending" INTEGER NOT NULL
                  CONSTRAINT "Some foundation check-ins were never copied to check-in 0.1.0. Start a CIPN Care build from before this migration once (it copies them at start), then upgrade." CHECK ("Pending" = 0));
                INSERT INTO "RetireFoundationCheckInsGuard"
                  SELECT COUNT(*) FROM "CheckIns" AS c WHERE NOT EXISTS (SELECT 1 FROM "InstrumentResponses" AS r WHERE r."Id" = c."Id");
                DROP TABLE "RetireFoundationCheckInsGuard";
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    AutonomicScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Balance = table.Column<int>(type: "INTEGER", nullable: false),
                    CtcaeVersion = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    DizzinessOnStanding = table.Column<int>(type: "INTEGER", nullable: false),
                    EnteredByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EnteredByRole = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    EnteredByUserId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    Falls = table.Column<int>(type: "INTEGER", nullable: false),
                    LimitsEverydayTasks = table.Column<bool>(type: "INTEGER", nullable: false),
                    LimitsSelfCare = table.Column<bool>(type: "INTEGER", nullable: false),
                    MotorGrade = table.Column<int>(type: "INTEGER", nullable: false),
                    MotorScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Notes = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    NumbnessFeet = table.Column<int>(type: "INTEGER", nullable: false),
                    NumbnessHands = table.Column<int>(type: "INTEGER", nullable: false),
                    PainFeet = table.Column<int>(type: "INTEGER", nullable: false),
                    PainHands = table.Column<int>(type: "INTEGER", nullable: false),
                    PatientId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RulesVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    SensoryGrade = table.Column<int>(type: "INTEGER", nullable: false),
                    SensoryScore = table.Column<int>(type: "INTEGER", nullable: false),
                    SubmissionKey = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SubmittedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    TinglingFeet = table.Column<int>(type: "INTEGER", nullable: false),
                    TinglingHands = table.Column<int>(type: "INTEGER", nullable: false),
                    TotalScore = table.Column<int>(type: "INTEGER", nullable: false),
                    Weakness = table.Column<int>(type: "INTEGER", nullable: false)
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
