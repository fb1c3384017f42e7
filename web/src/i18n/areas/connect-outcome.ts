// What the dashboard says when Meta's dialog returns with an error code (web/src/connect-outcome.ts keeps the English).
// English first; each key has its Portuguese (Brazil) and Spanish words below (issue 20).

export const en = {
  "connection.outcome.OAUTH_DENIED":
    "The connection was cancelled in Meta's dialog. Nothing was changed; connect again when you are ready.",
  "connection.outcome.WABA_ALREADY_CONNECTED":
    "This WhatsApp Business Account is already connected to another workspace of this Wharf. Disconnect it there first.",
  "connection.outcome.OAUTH_CODE_REJECTED":
    "Meta did not authorize the connection (the dialog was cancelled, or its code expired). Try again.",
  "connection.outcome.OAUTH_STATE_INVALID":
    "This connection attempt was already used, expired, or was started in another browser or session. Start again from this page.",
  "connection.outcome.MISSING_PERMISSION":
    "Meta did not grant every permission Wharf needs. Connect again and keep all permissions selected.",
  "connection.outcome.META_REQUEST_FAILED":
    "Meta refused the connection. Try again; if it keeps failing, check the app's settings in Meta's dashboard.",
  "connection.outcome.META_UNAVAILABLE": "Meta did not answer. Try again in a few minutes.",
  "connection.outcome.CONFLICT": "The connection changed while it was being made. Reload the page and try again.",
  "connection.outcome.ALREADY_EXISTS":
    "That WhatsApp Business Account is already connected. Reload the page to see it.",
  "connection.outcome.INTERNAL": "Connecting failed on Wharf's side. Try again.",
  "connection.outcome.CONNECT_FAILED": "Connecting to WhatsApp failed. Try again.",
} as const;

type Words = Record<keyof typeof en, string>;

export const ptBR: Words = {
  "connection.outcome.OAUTH_DENIED":
    "A conexão foi cancelada na janela da Meta. Nada foi alterado; conecte de novo quando estiver pronto.",
  "connection.outcome.WABA_ALREADY_CONNECTED":
    "Esta conta do WhatsApp Business já está conectada a outro espaço de trabalho deste Wharf. Desconecte-a lá primeiro.",
  "connection.outcome.OAUTH_CODE_REJECTED":
    "A Meta não autorizou a conexão (a janela foi cancelada ou o código expirou). Tente de novo.",
  "connection.outcome.OAUTH_STATE_INVALID":
    "Esta tentativa de conexão já foi usada, expirou ou começou em outro navegador ou sessão. Comece de novo por esta página.",
  "connection.outcome.MISSING_PERMISSION":
    "A Meta não concedeu todas as permissões de que o Wharf precisa. Conecte de novo e mantenha todas as permissões selecionadas.",
  "connection.outcome.META_REQUEST_FAILED":
    "A Meta recusou a conexão. Tente de novo; se continuar falhando, verifique as configurações do app no painel da Meta.",
  "connection.outcome.META_UNAVAILABLE": "A Meta não respondeu. Tente de novo em alguns minutos.",
  "connection.outcome.CONFLICT": "A conexão mudou enquanto era feita. Recarregue a página e tente de novo.",
  "connection.outcome.ALREADY_EXISTS":
    "Essa conta do WhatsApp Business já está conectada. Recarregue a página para vê-la.",
  "connection.outcome.INTERNAL": "A conexão falhou do lado do Wharf. Tente de novo.",
  "connection.outcome.CONNECT_FAILED": "Falha ao conectar ao WhatsApp. Tente de novo.",
};

export const es: Words = {
  "connection.outcome.OAUTH_DENIED":
    "La conexión se canceló en la ventana de Meta. No se cambió nada; vuelve a conectar cuando quieras.",
  "connection.outcome.WABA_ALREADY_CONNECTED":
    "Esta cuenta de WhatsApp Business ya está conectada a otro espacio de trabajo de este Wharf. Desconéctala allí primero.",
  "connection.outcome.OAUTH_CODE_REJECTED":
    "Meta no autorizó la conexión (se canceló la ventana o su código caducó). Inténtalo de nuevo.",
  "connection.outcome.OAUTH_STATE_INVALID":
    "Este intento de conexión ya se usó, caducó o se inició en otro navegador o sesión. Empieza de nuevo desde esta página.",
  "connection.outcome.MISSING_PERMISSION":
    "Meta no concedió todos los permisos que Wharf necesita. Vuelve a conectar y deja todos los permisos seleccionados.",
  "connection.outcome.META_REQUEST_FAILED":
    "Meta rechazó la conexión. Inténtalo de nuevo; si sigue fallando, revisa la configuración de la app en el panel de Meta.",
  "connection.outcome.META_UNAVAILABLE": "Meta no respondió. Inténtalo de nuevo en unos minutos.",
  "connection.outcome.CONFLICT": "La conexión cambió mientras se hacía. Recarga la página e inténtalo de nuevo.",
  "connection.outcome.ALREADY_EXISTS":
    "Esa cuenta de WhatsApp Business ya está conectada. Recarga la página para verla.",
  "connection.outcome.INTERNAL": "La conexión falló del lado de Wharf. Inténtalo de nuevo.",
  "connection.outcome.CONNECT_FAILED": "No se pudo conectar con WhatsApp. Inténtalo de nuevo.",
};
