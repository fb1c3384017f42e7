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

// Spanish.
export const es: Catalog = {
  "app.loading": "Cargando…",
  "app.sessionEnded": "Tu sesión terminó. Inicia sesión de nuevo para continuar.",

  "page.inbox": "Bandeja de entrada",
  "page.contacts": "Contactos",
  "page.contacts/import": "Importar contactos",
  "page.segments": "Segmentos",
  "page.campaigns": "Campañas",
  "page.automations": "Automatizaciones",
  "page.templates": "Plantillas",
  "page.catalog": "Catálogo",
  "page.analytics": "Estadísticas",
  "page.phone-numbers": "Números de teléfono",
  "page.settings/whatsapp": "Conexión con WhatsApp",
  "page.settings/team": "Equipo",

  "shell.workspace": "Espacio de trabajo",
  "shell.logOut": "Cerrar sesión",
  "shell.settings": "Configuración",
  "shell.mainNav": "Principal",
  "shell.unreadConversations": "{count} conversaciones sin leer",
  "shell.language": "Idioma",
  "shell.languageBrowser": "Navegador ({language})",
  "role.owner": "propietario",
  "role.admin": "administrador",
  "role.agent": "agente",

  "login.title": "Iniciar sesión",
  "login.intro": "Usa el correo y la contraseña de tu cuenta del espacio de trabajo.",
  "login.email": "Correo electrónico",
  "login.password": "Contraseña",
  "login.submit": "Iniciar sesión",
  "login.submitting": "Iniciando sesión…",

  "inbox.search": "Buscar conversaciones",
  "inbox.searchPlaceholder": "Buscar nombre, número o palabras ( / )",
  "inbox.show": "Mostrar",
  "inbox.view.all": "Todas",
  "inbox.view.unread": "Sin leer",
  "inbox.view.mine": "Mías",
  "inbox.view.unassigned": "Sin asignar",
  "inbox.status": "Estado",
  "inbox.anyStatus": "Cualquier estado",
  "inbox.status.open": "Abierta",
  "inbox.status.pending": "Pendiente",
  "inbox.status.resolved": "Resuelta",
  "inbox.label": "Etiqueta",
  "inbox.clear": "quitar",
  "inbox.new.button": "Nueva conversación",
  "inbox.new.title": "Nueva conversación",
  "inbox.new.close": "Cerrar",
  "inbox.new.intro":
    "Fuera de la ventana de 24 horas WhatsApp solo entrega una plantilla aprobada: elige una para empezar.",
  "inbox.new.from": "Desde el número",
  "inbox.new.noNumber": "Ningún número activo",
  "inbox.new.to": "Teléfono del cliente",
  "inbox.new.toHint": "Con el código de país, por ejemplo +34 612 345 678.",
  "inbox.new.notListed": "Enviado, pero la conversación aún no aparece. Búscala en la lista.",
  "inbox.notify.toggle": "Avisarme de mensajes nuevos",
  "inbox.notify.title": "Mensaje nuevo de {name}",
  "inbox.notify.denied":
    "El navegador bloquea las notificaciones de este sitio: permítelas en la configuración del sitio y vuelve a intentarlo.",
  "inbox.notify.unsupported": "Este navegador no puede mostrar notificaciones.",
  "inbox.keys.button": "Atajos de teclado",
  "inbox.keys.title": "Atajos de teclado",
  "inbox.keys.next": "Conversación siguiente",
  "inbox.keys.previous": "Conversación anterior",
  "inbox.keys.reply": "Escribir una respuesta",
  "inbox.keys.search": "Buscar conversaciones",
  "inbox.keys.resolve": "Resolver la conversación abierta",
  "inbox.keys.help": "Mostrar esta lista",
  "inbox.keys.close": "Cerrar",
  ...common.es,
  ...campaigns.es,
  ...templates.es,
  ...contacts.es,
  ...inbox.es,
  ...catalogAutomations.es,
  ...numbers.es,
  ...connection.es,
  ...teamAnalytics.es,
  ...segmentFilters.es,
  ...connectOutcome.es,
};
