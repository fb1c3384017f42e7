import type { Catalog } from "./en.js";
import * as common from "./areas/common.js";
import * as campaigns from "./areas/campaigns.js";
import * as templates from "./areas/templates.js";
import * as contacts from "./areas/contacts.js";
import * as inbox from "./areas/inbox.js";
import * as catalogAutomations from "./areas/catalog-automations.js";
import * as numbers from "./areas/numbers.js";
import * as connection from "./areas/connection.js";
import * as teamAnalytics from "./areas/team-analytics.js";
import * as segmentFilters from "./areas/segment-filters.js";
import * as connectOutcome from "./areas/connect-outcome.js";

// Portuguese (Brazil).
export const ptBR: Catalog = {
  "app.loading": "Carregando…",
  "app.sessionEnded": "Sua sessão terminou. Entre novamente para continuar.",

  "page.inbox": "Caixa de entrada",
  "page.contacts": "Contatos",
  "page.contacts/import": "Importar contatos",
  "page.segments": "Segmentos",
  "page.campaigns": "Campanhas",
  "page.automations": "Automações",
  "page.templates": "Modelos",
  "page.catalog": "Catálogo",
  "page.analytics": "Relatórios",
  "page.phone-numbers": "Números de telefone",
  "page.settings/whatsapp": "Conexão com o WhatsApp",
  "page.settings/team": "Equipe",

  "shell.workspace": "Espaço de trabalho",
  "shell.logOut": "Sair",
  "shell.settings": "Configurações",
  "shell.mainNav": "Principal",
  "shell.unreadConversations": "{count} conversas não lidas",
  "shell.language": "Idioma",
  "shell.languageBrowser": "Navegador ({language})",
  "role.owner": "proprietário",
  "role.admin": "administrador",
  "role.agent": "atendente",

  "login.title": "Entrar",
  "login.intro": "Use o e-mail e a senha da sua conta no espaço de trabalho.",
  "login.email": "E-mail",
  "login.password": "Senha",
  "login.submit": "Entrar",
  "login.submitting": "Entrando…",

  "inbox.search": "Buscar conversas",
  "inbox.searchPlaceholder": "Buscar nome, número ou palavras ( / )",
  "inbox.show": "Mostrar",
  "inbox.view.all": "Todas",
  "inbox.view.unread": "Não lidas",
  "inbox.view.mine": "Minhas",
  "inbox.view.unassigned": "Sem responsável",
  "inbox.status": "Situação",
  "inbox.anyStatus": "Qualquer situação",
  "inbox.status.open": "Aberta",
  "inbox.status.pending": "Pendente",
  "inbox.status.resolved": "Resolvida",
  "inbox.label": "Etiqueta",
  "inbox.clear": "limpar",
  "inbox.new.button": "Nova conversa",
  "inbox.new.title": "Nova conversa",
  "inbox.new.close": "Fechar",
  "inbox.new.intro": "Fora da janela de 24 horas o WhatsApp só entrega um modelo aprovado: escolha um para começar.",
  "inbox.new.from": "Do número",
  "inbox.new.noNumber": "Nenhum número ativo",
  "inbox.new.to": "Telefone do cliente",
  "inbox.new.toHint": "Com o código do país, por exemplo +55 11 91234 5678.",
  "inbox.new.notListed": "Enviada, mas a conversa ainda não aparece. Procure-a na lista.",
  "inbox.notify.toggle": "Avisar-me de novas mensagens",
  "inbox.notify.title": "Nova mensagem de {name}",
  "inbox.notify.denied":
    "O navegador bloqueia notificações deste site: permita-as nas configurações do site e tente de novo.",
  "inbox.notify.unsupported": "Este navegador não mostra notificações.",
  "inbox.keys.button": "Atalhos de teclado",
  "inbox.keys.title": "Atalhos de teclado",
  "inbox.keys.next": "Próxima conversa",
  "inbox.keys.previous": "Conversa anterior",
  "inbox.keys.reply": "Escrever uma resposta",
  "inbox.keys.search": "Buscar conversas",
  "inbox.keys.resolve": "Resolver a conversa aberta",
  "inbox.keys.help": "Mostrar esta lista",
  "inbox.keys.close": "Fechar",
  ...common.ptBR,
  ...campaigns.ptBR,
  ...templates.ptBR,
  ...contacts.ptBR,
  ...inbox.ptBR,
  ...catalogAutomations.ptBR,
  ...numbers.ptBR,
  ...connection.ptBR,
  ...teamAnalytics.ptBR,
  ...segmentFilters.ptBR,
  ...connectOutcome.ptBR,
};
