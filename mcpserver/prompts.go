package mcpserver

import (
	"context"
	"fmt"
	"strconv"

	"github.com/modelcontextprotocol/go-sdk/mcp"
)

// inventoryPrompt is a prompt for a common inventory question: the
// question and the SQL that answers it, for the agent to explain and run.
type inventoryPrompt struct {
	name, title, description string
	args                     []*mcp.PromptArgument
	// text renders the message from the prompt's arguments.
	text func(args map[string]string) (string, error)
}

// inventoryPrompts are the prompts of the server.
var inventoryPrompts = []inventoryPrompt{
	{
		name: "users_without_mfa", title: "Users without MFA",
		description: "Active users with no active MFA factor enrolled.",
		text: func(map[string]string) (string, error) {
			return "List the active Okta users who have no active MFA factor enrolled.\n\n" +
				"Factors are read per user (user_factors needs user_id), so the query makes one request per active user: " +
				"run the explain tool on it first and tell me the estimated requests before running it on a large org.\n\n" +
				"SELECT u.id, u.profile_login, u.profile_display_name, u.last_login\n" +
				"FROM users u\n" +
				"WHERE u.status = 'ACTIVE'\n" +
				"  AND NOT EXISTS (SELECT 1 FROM user_factors f WHERE f.user_id = u.id AND f.status = 'ACTIVE')\n" +
				"ORDER BY u.profile_login\n\n" +
				"Summarise the result: how many users, and which departments they are in (profile_department).", nil
		},
	},
	{
		name: "admins_and_roles", title: "Admins and their roles",
		description: "Users holding an admin role, with the roles and how they were assigned.",
		text: func(map[string]string) (string, error) {
			return "List the Okta users who hold an administrator role, with each role and whether it was assigned to the user directly or through a group.\n\n" +
				"Roles are read per user (user_roles needs user_id), so this makes one request per user: run the explain tool first and tell me the estimated requests.\n\n" +
				"SELECT u.profile_login, u.status, r.type AS role, r.label, r.assignment_type, r.status AS role_status\n" +
				"FROM users u JOIN user_roles r ON r.user_id = u.id\n" +
				"ORDER BY r.type, u.profile_login\n\n" +
				"Then group the admins by role, and point out super admins (SUPER_ADMIN) and admins whose user is not ACTIVE.", nil
		},
	},
	{
		name: "inactive_users", title: "Inactive users",
		description: "Active users who have not signed in for a number of days (default 90), or never.",
		args:        []*mcp.PromptArgument{{Name: "days", Description: "days without a sign-in (default 90)"}},
		text: func(args map[string]string) (string, error) {
			days := 90
			if v := args["days"]; v != "" {
				n, err := strconv.Atoi(v)
				if err != nil || n <= 0 {
					return "", fmt.Errorf("days %q: want a positive whole number", v)
				}
				days = n
			}
			return fmt.Sprintf("List the active Okta users who have not signed in for %[1]d days or more, or never signed in.\n\n"+
				"SELECT id, profile_login, profile_display_name, profile_department, created, last_login\n"+
				"FROM users\n"+
				"WHERE status = 'ACTIVE' AND (last_login IS NULL OR last_login < NOW() - INTERVAL %[1]d DAY)\n"+
				"ORDER BY last_login\n\n"+
				"Summarise how many there are, how many never signed in, and the longest inactive ones. Do not deactivate or suspend anyone.", days), nil
		},
	},
}

// addPrompts registers the inventory prompts.
func (s *Server) addPrompts() {
	for _, p := range inventoryPrompts {
		s.mcp.AddPrompt(&mcp.Prompt{Name: p.name, Title: p.title, Description: p.description, Arguments: p.args},
			func(_ context.Context, req *mcp.GetPromptRequest) (*mcp.GetPromptResult, error) {
				text, err := p.text(req.Params.Arguments)
				if err != nil {
					return nil, err
				}
				return &mcp.GetPromptResult{Description: p.description,
					Messages: []*mcp.PromptMessage{{Role: "user", Content: &mcp.TextContent{Text: text}}}}, nil
			})
	}
}
